/**
 * Normalised shapes of the video studio and task tracking (platform-api.md §3.8, §3.10–§3.14,
 * §10). Types only: main/platform produces them, the renderer reads them. Wire spellings
 * (`catelog`, `resposne`, `usages`, …) never reach this file.
 */

/** Catalog ids (§3.12): text-, image-, reference-to-video. */
export type CatalogId = 't2v' | 'i2v' | 'r2v';

/** Form widgets the platform's own form library knows (§10.5); anything else arrives as 'str'. */
export type FieldUiType =
  | 'str' | 'text' | 'int' | 'float' | 'code' | 'check' | 'checkbox' | 'file' | 'image' | 'audio' | 'video'
  | 'hidden' | 'tel' | 'email' | 'password' | 'date';

export interface FieldOption {
  value: string | number | boolean;
  /** `text`, else the value as text. */
  label: string;
}

/** One input of a model's form, in one shape whatever spelling the server used. */
export interface FieldDescriptor {
  name: string;
  /** `label`, else the name. */
  label: string;
  uitype: FieldUiType;
  /** The server's word when it was not a known one (shown as a text input). */
  rawUitype?: string;
  /** `value` ?? `defaultvalue` ?? `defaultValue`. */
  defaultValue?: unknown;
  required: boolean;
  readonly: boolean;
  min?: number;
  max?: number;
  /**
   * Text fields: the longest value in characters (`maxlength` of the platform's form library, or
   * a text field's `max`). Absent: no limit stated (a prompt then gets Vidu's, limits.ts).
   */
  maxLength?: number;
  /** For `code` / `checkbox`: fixed options… */
  options?: FieldOption[];
  /** …or a platform path to fetch them from (through main, with the session). */
  dataUrl?: string;
  valueField?: string;
  textField?: string;
  multiple: boolean;
  /** e.g. `image/*`. */
  accept?: string;
}

export interface VideoModel {
  id: string;
  name: string;
  /** The vendor model name (informational; never sent, §3.10). */
  model: string;
  description: string;
  catalog: CatalogId;
  iconId?: string;
  /** The pricing program of this model in this catalog, only when the platform's record names it (§3.15). */
  ppid?: string;
  minBalance: number | null;
  /** The largest amount this model has ever charged (§10.5), for the balance guard. */
  maxCost: number | null;
  /** The form, never empty: the documented Vidu fields when the server's are unusable. */
  fields: FieldDescriptor[];
  /** True when `fields` is the documented fallback, not the server's own list. */
  fieldsAreFallback: boolean;
}

/** §3.8: what the customer pays and the price before the discount. */
export interface Quote {
  llmid: string;
  configData: Record<string, unknown>;
  listPrice: number;
  price: number;
}

/** SUCCEEDED / FAILED / UNKNOWN are terminal; any other word is progress (§10.3). */
export type TerminalStatus = 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
export type TaskStatusWord = TerminalStatus | (string & {});

/** §10.3: four kinds of failure, each worded differently for the user. */
export type FailureKind = 'refused' | 'generation_failed' | 'lost_track' | 'billing_failed';

/** §10.3: billing of a succeeded task: pending, billed, or failed (may still be billed later). */
export type BillingState = 'created' | 'accounted' | 'failed';

/** One state object (a stream object, an `ioinfo.output` element, a §3.14 answer). */
export interface TaskState {
  taskid?: string;
  status?: TaskStatusWord;
  error?: string;
  video?: string;
  usage?: Record<string, unknown>;
  type?: string;
  llmusageid?: string;
}

/** A task as the platform reports it (§3.13 row or §3.14 answer), normalised. */
export interface RemoteTask {
  taskid: string;
  transno: string | null;
  llmid: string | null;
  /** The catalog the row was listed under (§10.1: unreliable, informational). */
  listedCatalog: CatalogId | null;
  status: TaskStatusWord;
  terminal: boolean;
  error: string | null;
  video: string | null;
  usage: Record<string, unknown> | null;
  /** Server time `YYYY-MM-DD HH:MM:SS` (no zone), when known. */
  useTime: string | null;
  useDate: string | null;
  /** What the customer was charged; null until billed. `cost` is never carried. */
  amount: number | null;
  billing: BillingState | null;
  /** The recorded request (`ioinfo.input`), without image data: data URLs are replaced by '[image]'. */
  input: Record<string, unknown> | null;
}
