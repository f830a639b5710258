/**
 * The video studio and the task list as the renderer sees them. A TaskView is a FULL snapshot
 * of one ledger entry (events carry it whole, keyed by `localId`).
 */
import type { BillingState, CatalogId, FailureKind, FieldOption, TaskStatusWord } from './video';

/** The word a task has before its submit request produced a taskid (not a platform word). */
export type LocalPendingStatus = 'pending';

export interface TaskView {
  localId: string;
  /** Sent with the submission; with the taskid, what support needs (§10.1). */
  transno: string;
  taskid?: string;
  modelId: string;
  modelName: string;
  llmid: string;
  catalog: CatalogId;
  prompt: string;
  /** Every value the form sent (images as their local copies' paths). */
  params: Record<string, unknown>;
  /** Local copies of the input images (kept with the task, §10.4). */
  inputImages: string[];
  status: TaskStatusWord | LocalPendingStatus;
  /** SUCCEEDED, FAILED or UNKNOWN: nothing more will change except billing. */
  terminal: boolean;
  failureKind?: FailureKind;
  /** The platform's own words for a failure, shown as written. */
  error?: string;
  billing?: BillingState;
  /** Billed amount (CNY), once billed. */
  amount?: number;
  /** The customer price quoted before submitting. */
  quotedPrice?: number;
  createdAt: number;
  submittedAt?: number;
  updatedAt: number;
  finishedAt?: number;
  resultUrls: string[];
  /** When the first result URL stops working (epoch ms; §10.8 assumes 1 h when unknown). */
  resultExpiresAt?: number;
  hidden: boolean;
  /** 'adopted': made elsewhere (the web, another machine) and found in the platform's list. */
  origin: 'local' | 'adopted';
}

/** An image the user picked, already checked (§10.4) and copied into the app's data folder. */
export interface PickedImage {
  /** The local copy (inside the app's data folder), sent as multipart and kept with the task. */
  path: string;
  /** The file's own name, for display. */
  name: string;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: number;
  width: number;
  height: number;
  /** A small data: URL for the preview (the renderer cannot read files). */
  previewUrl: string;
}

/** A picked file the checks refused: which file, and why (a key the renderer translates). */
export interface RefusedImage {
  name: string;
  problem: 'type' | 'too_small' | 'aspect' | 'too_large' | 'unreadable';
  width?: number;
  height?: number;
  bytes?: number;
}

/** §10.6: what a submission needs against what the account has. */
export interface BalanceCheck {
  balance: number;
  /** max(min_balance, max_cost, quote) of this submission (times the count for a batch). */
  needed: number;
  /** What one task reserves: max(min_balance, max_cost, quote). */
  each: number;
  /** Which of the three decided `each`, so the renderer can say why it exceeds the price. */
  reserveReason: 'max_cost' | 'min_balance' | 'quote';
  /** How many tasks `needed` covers (1 for a single submission). */
  count: number;
  /** The quote the check was made with, when there was one. */
  quotedPrice?: number;
  /** Quotes of this account's tasks still running (money the platform may hold). */
  heldByRunning: number;
  /** needed + heldByRunning − balance when positive, else 0. */
  missing: number;
}

export interface BatchResult {
  /** One task per prompt line sent, in order. */
  submitted: TaskView[];
  /** Zero-based indexes of the lines not sent (after the first refusal). */
  notSent: number[];
  /** The refusal that stopped the batch, if any. */
  refusal?: { code: string; message: string };
}

export type { FieldOption };
