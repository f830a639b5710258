/** Public types of the 元境 platform simulator (see README.md). */
import type { SimClock } from './clock.ts';

/** Every known deployment variant of platform-api.md §8, behind one switch each. */
export interface Switches {
  /** §2.5: §3.1 answers 401 without a session. */
  smsRequiresLogin: boolean;
  /** §3.2 b: Spec `{key, users}` (a NEW key that must be used on the re-post) vs observed `{users}`. */
  chooseIncludesKey: boolean;
  /** §3.2 c: what an unknown number gets. */
  registration: 'open' | 'closed' | 'exists';
  /** §3.2 c (older deployments): HTTP 200 with an empty body while the cookie is set. */
  loginEmptyBody: boolean;
  /** §3.2: user records carry `password` (fresh ones also `cfm_password`). */
  loginIncludesPassword: boolean;
  /** §3.1: the SMS service fails (`发送验证码出错`, optionally with a detail). */
  smsFailure: null | 'plain' | 'detail';
  /** §3.3: spelling of the payment URL key. */
  rechargeUrlKey: 'redirct' | 'redirect' | 'url';
  /** §3.3: the simulator's own cashier page, or an Alipay gateway URL. */
  paymentUrlMode: 'local' | 'alipay';
  /** §3.4: observed `{id, name, apikeyid}` vs Spec `{id, appname}`. */
  downappsNameKey: 'name' | 'appname';
  /** §3.4: the broken server version (`<database error>,today='…'`). */
  downappsError: boolean;
  /** §3.5: answer with the new record in `data`. */
  applyReturnsRecord: boolean;
  /** §3.6: `apikey` (observed) vs `aapikey` (Spec). */
  apikeyKey: 'apikey' | 'aapikey';
  /** §3.6: `name` (observed) vs `appname` (Spec). */
  appNameKey: 'name' | 'appname';
  /** §3.7: list of accounts, single object, or a bare number. */
  balanceShape: 'list' | 'object' | 'number';
  /** §3.8: `{list_price, price, config_data}` vs `{price}`. */
  priceShape: 'full' | 'priceOnly';
  /** §3.8: every price query fails with the `product_id='…', config_data=…, e=…` error. */
  priceError: boolean;
  /** §3.9: `usages` (JSON string, observed) vs `usage` (object, Spec). */
  ordersUsageKey: 'usages' | 'usage';
  /** §3.9: not implemented on this deployment: HTTP 200 empty body. */
  ordersEmptyBody: boolean;
  /** §3.12: `server error`. */
  modelsError: boolean;
  /** §3.12: `input_fields` as a JSON string (older servers). */
  inputFieldsAsString: boolean;
  /** §3.12/§3.15: model records name their pricing program (`ppid`); the documented lists do not. */
  modelsCarryPpid: boolean;
  /** §3.13: `{tasks:[…]}` (observed) vs `[{tasks:{…}}]` (Spec). */
  tasksShape: 'observed' | 'spec';
  /** §3.13: `ioinfo` as a JSON string (older servers). */
  ioinfoAsString: boolean;
  /** §3.14: `resposne` (observed) vs `response` (Spec). */
  taskStatusKey: 'resposne' | 'response';
  /** §10.1: §3.13 lists a task under its model's FIRST catalog, not the one it was submitted under. */
  tasksUnderFirstCatalog: boolean;
  /** §10.2 (inferred date bug): §3.14 answers HTTP 500 for every task submitted over 10 minutes ago. */
  statusOldTasks500: boolean;
  /** §10.3: how tasks end on their own timer (finishTask/setTask override one task). */
  taskOutcome: TaskOutcome;
  /** §4.2: B one object without newline / A JSON lines until terminal / C glued objects. */
  streamForm: 'single' | 'lines' | 'glued';
  /** §4.2 D/E: how a submission fails. 'resetAfterTaskid': the task exists, its first line is sent, then the connection is cut. */
  streamFailure: null | 'vendorError' | 'vendorErrorThenReset' | 'modelNotFound' | 'resetAfterTaskid';
  /** §3.15: ordinary customers get 403 (admins never do). */
  pricingAccess: 'all' | 'forbidden';
  /** §3.15: `result` as a number or a list of priced items. */
  pricingResult: 'number' | 'list';
  /** §3.16: widget JSON (observed) vs a plain `ok` envelope. */
  logoutWidget: boolean;
  /** §10.8: result URLs signed with `?Expires=` (5 s, 1 h or 24 h after success), or plain (null). */
  resultUrlExpires: null | '5s' | '1h' | '24h';
  /** Result videos: per-task pseudo-MP4 bytes (download tests) or one real WebM that plays (CLI default). */
  mediaKind: 'pseudo' | 'playable';
}

export type FaultKind =
  | 'status500'
  | 'slowHeaders'
  | 'resetMidBody'
  | 'emptyBody'
  | 'widgetError'
  | 'forbidden'
  | 'rangeIgnored'
  | 'plainText'
  // The network fault matrix (bench/faults.ts): what proxies, gateways and broken servers send.
  | 'badGatewayHtml'
  | 'tooManyRequests'
  | 'unauthorizedPlain'
  | 'redirectLogin'
  | 'truncatedJson'
  | 'invalidUtf8'
  | 'oversizedBody'
  | 'trickleBody'
  | 'clockSkew'
  // The work is done but the answer is held back (a submit whose first byte is late).
  | 'slowAnswer'
  // Result-video download faults (media.ts): a cut at N bytes, a new version of the file, a slow server.
  | 'cutAfter'
  | 'newVersion'
  | 'throttle';

export interface Fault {
  kind: FaultKind;
  /** Exact path relative to the base (e.g. '/accounting/mybalance.dspy'); absent = every platform path. */
  path?: string;
  /** How many requests it hits; absent = until cleared. */
  times?: number;
  /** For slowHeaders / slowAnswer: wait this long before the status line (default 3000). */
  delayMs?: number;
  /** For widgetError: the widget message (default 'Please login first'). */
  message?: string;
  /** For cutAfter / newVersion: body bytes sent before the connection drops (absent: random / half). */
  bytes?: number;
  /** For throttle: the cap in body bytes per second. */
  bytesPerSecond?: number;
}

/** The active faults, in the order they were set, with what is left of `times`. */
export type Faults = Fault[];

export interface PaymentInfo {
  orderId: string;
  amount: number;
  userId: string;
  orgid: string;
  createdAt: string;
  status: 'pending' | 'paid';
}

export interface LoggedRequest {
  at: string;
  method: string;
  /** Path relative to the base URL (prefix removed), without the query string. */
  path: string;
  query: Record<string, string>;
  /** Parsed body params (JSON object, form or multipart fields); null for GET or no body. Long strings shortened. */
  body: Record<string, unknown> | null;
  /** Top-level JSON array bodies and unparseable bodies are kept raw-ish here. */
  bodyKind: 'none' | 'json' | 'form' | 'multipart' | 'invalid';
  headers: {
    contentType: string | null;
    cookie: boolean;
    authorization: boolean;
    xApiKey: boolean;
    clientUuid: boolean;
    range: string | null;
    ifRange: string | null;
  };
  status: number | null;
}

export type TaskStatus = 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';

/** succeed; FAILED with a vendor reason; FAILED with a lost-track text; UNKNOWN; SUCCEEDED but billing fails. */
export type TaskOutcome = 'succeed' | 'moderation' | 'lostTrack' | 'unknown' | 'billingFailed';

export interface SetTaskArgs {
  taskid: string;
  /** Pushed as a new state; a terminal word ends the task (SUCCEEDED is billed later). */
  status?: string;
  /** For FAILED: the reason (default: a vendor moderation text; see LOST_TRACK_ERROR in tasks.ts). */
  error?: string;
  /** Move the submission this far into the past (use_time/use_date follow). */
  ageMs?: number;
  accountingStatus?: 'created' | 'accounted' | 'failed';
  archived?: boolean;
}

export interface TaskSummary {
  taskid: string;
  llmid: string;
  catalog: string;
  userId: string;
  status: string;
  amount: number | null;
  accountingStatus: string;
  transno: string;
  archived: boolean;
}

export interface SimStateSummary {
  url: string;
  switches: Switches;
  faults: Faults;
  sessionEpoch: number;
  orgs: { id: string; name: string; balance: number; orders: number }[];
  users: { id: string; username: string; mobile: string | null; nickName: string | null; orgid: string; admin: boolean }[];
  models: { id: string; name: string; catalogs: string[]; ppids: string[] }[];
  pendingPayments: PaymentInfo[];
  tasks: TaskSummary[];
  requests: number;
}

/** Test/demo control surface; also reachable as POST /__sim/control {action, args}. */
export interface SimControl {
  setSwitches(partial: Partial<Switches>): Switches;
  getSwitches(): Switches;
  resetSwitches(): Switches;
  setFault(fault: Fault): Faults;
  clearFaults(): Faults;
  getFaults(): Faults;
  lastSmsCode(phone: string): string | null;
  expireSessions(): void;
  /** Every existing ticket stops matching the client's IP (§2.3) — like a network switch. */
  simulateIpChange(): void;
  completePayment(orderId?: string): PaymentInfo;
  pendingPayments(): PaymentInfo[];
  seedOrders(args: { phone?: string; count: number }): { orgid: string; total: number };
  /** Today's finished t2v tasks for that user (one in ten FAILED), listed by §3.13 so a client adopts them. */
  seedTasks(args: { phone?: string; count: number }): { orgid: string; total: number };
  setBalance(args: { phone: string; balance: number; orgid?: string }): { orgid: string; balance: number };
  getBalance(args: { phone: string; orgid?: string }): { orgid: string; balance: number };
  finishTask(args: { taskid: string; status: TaskStatus; error?: string }): TaskSummary;
  /** Test hook on one task: any status word (and error), its age, its billing state, archived. */
  setTask(args: SetTaskArgs): TaskSummary;
  /** The daily job: every SUCCEEDED task leaves the live table (§3.13/§3.14 stop seeing it). */
  archiveTasks(): { archived: number };
  tasks(): TaskSummary[];
  requests(): LoggedRequest[];
  clearRequests(): void;
  state(): SimStateSummary;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  seed?: 'demo' | 'empty';
  session?: { ttlMs?: number; refreshAfterMs?: number };
  taskTimings?: { processingAfterMs?: number; succeedAfterMs?: number; billingDelayMs?: number; jitter?: number };
  switches?: Partial<Switches>;
  /** Default true in-process (tests); the CLI logs requests to stderr unless --quiet. */
  quiet?: boolean;
  /** Delay between the cashier page's 「确认支付」 and the balance credit (async notify). Default 1000. */
  paymentNotifyDelayMs?: number;
  /** How long an SMS code stays valid (default 300000 = 5 min). */
  smsCodeTtlMs?: number;
  /** The code every SMS "sends" (default 123456); secret-leak tests pass a recognisable one. */
  smsCode?: string;
  /** Serve everything under a path prefix (reverse-proxy deployments), e.g. '/yj'. Default ''. */
  basePath?: string;
  /** Size of every result video and /idfile file in bytes (default: about 1.5 MB, varying by task). */
  mediaBytes?: number;
  /** Time for tasks, "today", sessions (default: wall time). A simulated bench passes its fake clock. */
  clock?: SimClock;
  /** Draws the task timing jitter (default Math.random). */
  random?: () => number;
}

export interface Simulator {
  url: string;
  port: number;
  control: SimControl;
  close(): Promise<void>;
}
