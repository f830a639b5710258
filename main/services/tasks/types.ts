/**
 * The task record: the local, durable truth about one video task (a contract copy for the
 * renderer is made on merge). Times are epoch milliseconds.
 */

export type Catalog = 't2v' | 'i2v' | 'r2v';

/** The four ways a task can fail, each shown differently (platform-api.md §10.3). */
export type FailureKind = 'refused' | 'generation_failed' | 'lost_track' | 'billing_failed';

/** Billing of a succeeded task: created = pending, accounted = billed `amount`, failed = may still be billed later. */
export type BillingState = 'created' | 'accounted' | 'failed';

/** Local = submitted from this client; adopted = found in the platform's list, made elsewhere. */
export type TaskOrigin = 'local' | 'adopted';

/** The status word before the submit request has produced a taskid (not a platform word). */
export const LOCAL_PENDING = 'pending';

export interface TaskRecord {
  localId: string;
  /** Client-generated, written before the submit request leaves; finds the task after a lost stream (§10.1). */
  transno: string;
  taskid?: string;
  modelId: string;
  modelName: string;
  llmid: string;
  catalog: Catalog;
  prompt: string;
  params: Record<string, unknown>;
  /** Local copies of the input images (platform uploads expire, §10.4). */
  inputImages: string[];
  /** A platform status word (SUCCEEDED, FAILED, UNKNOWN are terminal; anything else is progress) or LOCAL_PENDING. */
  status: string;
  failureKind?: FailureKind;
  error?: string;
  billing?: BillingState;
  amount?: number;
  quotedPrice?: number;
  createdAt: number;
  /** When the taskid was received. */
  submittedAt?: number;
  updatedAt: number;
  finishedAt?: number;
  resultUrls: string[];
  resultExpiresAt?: number;
  /** Deleted locally: kept, and still tracked, but not shown. */
  hidden: boolean;
  origin: TaskOrigin;
  /** When the platform last showed a new state for this task (list or status); unset while it never has. */
  lastRemoteChangeAt?: number;
  /** When §3.14 was last asked about this task. */
  lastNudgeAt?: number;
}

/** What the caller supplies when writing a task ahead of its submit request. */
export type NewTaskInput = Pick<TaskRecord, 'modelId' | 'modelName' | 'llmid' | 'catalog' | 'prompt' | 'params'> &
  Partial<Pick<TaskRecord, 'inputImages' | 'quotedPrice'>>;

/** Fields an update may change; identity (localId, transno, createdAt, origin) never changes. */
export type TaskPatch = Partial<Omit<TaskRecord, 'localId' | 'transno' | 'createdAt' | 'origin'>>;

/** A task as the platform reports it (§3.13 row or §3.14 answer), normalised by the platform client. */
export interface RemoteTask {
  taskid: string;
  transno?: string;
  status: string;
  error?: string;
  resultUrls: string[];
  /** created | accounted | failed, when the row carries it. */
  accountingStatus?: string;
  amount?: number | null;
  model?: string;
  llmid?: string;
  catalog?: string;
  prompt?: string;
  /** use_time of the row, epoch ms. */
  createdAt?: number;
}
