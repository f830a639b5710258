import type { BalanceCheck, BatchResult, CatalogId, FieldOption, PickedImage, Quote, RefusedImage, TaskView, VideoModel } from '../models';
import type { Route } from './route';

/** One submission: a model, the form's values (images as PickedImage paths) and a form id. */
export interface SubmissionInput {
  modelId: string;
  catalog: CatalogId;
  values: Record<string, unknown>;
  /**
   * Chosen by the renderer when the form is shown and renewed after a success: main sends one
   * platform request per formId, whatever clicks, windows or tabs repeat it (it answers the
   * same task again).
   */
  formId: string;
  /** The customer price the user saw, kept with the task. */
  quotedPrice?: number;
}

/** The studio (platform-api.md §3.8, §3.10–§3.12, §10.4–§10.6). */
export interface VideoRoutes {
  /** The models of one type, from main's cache (refreshed in the background; `refresh` forces it). */
  'video.models': Route<{ catalog: CatalogId; refresh?: boolean }, VideoModel[]>;
  /** Options of a `code` field whose list comes from a platform `dataurl`, fetched with the session. */
  'video.fieldOptions': Route<{ modelId: string; field: string }, FieldOption[]>;
  /** The price of this form as it stands (list and customer price). */
  'video.quote': Route<{ modelId: string; values: Record<string, unknown> }, Quote>;
  /** §10.6: the balance against what this submission (or `count` of them) needs. */
  'video.balanceCheck': Route<{ modelId: string; quotedPrice?: number; count?: number }, BalanceCheck>;
  /** The system file dialog (JPG/PNG/WebP); each file checked (§10.4) and copied into the data folder. */
  'video.pickImages': Route<{ multiple: boolean }, { picked: PickedImage[]; refused: RefusedImage[] }>;
  /** The last form sent with this model (remembered per model), or null. */
  'video.lastForm': Route<{ modelId: string }, Record<string, unknown> | null>;
  /** Writes the task to the ledger, then submits; never resubmits by itself. */
  'video.submit': Route<SubmissionInput, TaskView>;
  /** One task per prompt line, same settings, sent one at a time, stopping at the first refusal. */
  'video.submitBatch': Route<SubmissionInput & { prompts: string[] }, BatchResult>;
}
