/**
 * Reconciliation: what the platform reports (§3.13 rows, §3.14 answers) folded into the ledger.
 * Rows find ledger entries by taskid, else by exact transno (a lost stream, §10.1); rows nobody
 * here submitted are adopted; a terminal task is never downgraded. Pure decisions (`remotePatch`)
 * are kept apart from the ledger writes (`reconcileRows`).
 */
import { ASSUMED_URL_LIFETIME_MS, urlExpiresParam } from '../../platform/task-status';
import type { AdoptedFields, TaskLedger } from './ledger';
import { billingStateOf, failureKindOf, isTerminal, mergeStatus, normalizeStatus } from './status';
import { LOCAL_PENDING, type Catalog, type RemoteTask, type TaskPatch, type TaskRecord } from './types';

/** Assumed lifetime of a result URL that shows no expiry (§10.8). */
export const DEFAULT_URL_LIFETIME_MS = ASSUMED_URL_LIFETIME_MS;

/** The earliest `Expires=<epoch seconds>` among the URLs, else one hour from now. */
export function resultExpiry(urls: readonly string[], now: number): number {
  const stamps = urls.map(urlExpiresParam).filter((at): at is number => at !== null);
  return stamps.length > 0 ? Math.min(...stamps) : now + DEFAULT_URL_LIFETIME_MS;
}

function incomingStatus(remote: RemoteTask): string {
  return normalizeStatus(remote.status, { hasVideo: remote.resultUrls.length > 0, hasError: Boolean(remote.error) });
}

/** What to change in `record` given the platform's `remote` view of it; null when nothing changes. */
export function remotePatch(record: AdoptedFields, remote: RemoteTask, now: number): TaskPatch | null {
  const patch: TaskPatch = {};
  if (!record.taskid && remote.taskid) {
    patch.taskid = remote.taskid;
    patch.submittedAt = record.submittedAt ?? remote.createdAt ?? now;
  }
  const incoming = incomingStatus(remote);
  const status = mergeStatus(record.status, incoming);
  if (status !== record.status || record.lastRemoteChangeAt === undefined) patch.lastRemoteChangeAt = now;
  if (status !== record.status) {
    patch.status = status;
    if (status === 'FAILED' || status === 'UNKNOWN') {
      patch.error = remote.error;
      if (status === 'FAILED') patch.failureKind = failureKindOf(remote.error);
    }
    if (status === 'SUCCEEDED') {
      patch.error = undefined;
      patch.failureKind = undefined;
    }
  }
  // Nothing outranks SUCCEEDED, so the merged status is SUCCEEDED too.
  if (incoming === 'SUCCEEDED') Object.assign(patch, successPatch(record, remote, now));
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Result URLs and billing of a succeeded task: they keep arriving after SUCCEEDED (§5.6). */
function successPatch(record: AdoptedFields, remote: RemoteTask, now: number): TaskPatch {
  const patch: TaskPatch = {};
  if (remote.resultUrls.length > 0 && !sameList(remote.resultUrls, record.resultUrls)) {
    patch.resultUrls = [...remote.resultUrls];
    patch.resultExpiresAt = resultExpiry(remote.resultUrls, now);
  }
  const billing = billingStateOf(remote.accountingStatus);
  if (billing && billing !== record.billing) {
    patch.billing = billing;
    if (billing === 'failed') patch.failureKind = 'billing_failed';
    else if (record.failureKind === 'billing_failed') patch.failureKind = undefined;
  }
  if (typeof remote.amount === 'number' && remote.amount !== record.amount) patch.amount = remote.amount;
  return patch;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** One row per task across the three catalog lists (a task may be listed under any, §10.1), the most advanced state kept. */
export function mergeRows(rows: readonly RemoteTask[]): RemoteTask[] {
  const byKey = new Map<string, RemoteTask>();
  for (const row of rows) {
    const key = row.taskid || `transno:${row.transno ?? ''}`;
    const seen = byKey.get(key);
    if (!seen || isMoreAdvanced(row, seen)) byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** A terminal state that would replace `than`'s under the never-downgrade rule. */
function isMoreAdvanced(row: RemoteTask, than: RemoteTask): boolean {
  const a = incomingStatus(than);
  const b = incomingStatus(row);
  return isTerminal(b) && a !== b && mergeStatus(a, b) === b;
}

export interface ReconcileResult {
  /** Ledger entries the rows covered (by localId). */
  covered: Set<string>;
  adopted: TaskRecord[];
  updated: number;
}

const CATALOGS: readonly string[] = ['t2v', 'i2v', 'r2v'];

/** Today's rows into the ledger: match by taskid then exact transno, adopt the rest, never downgrade. */
export async function reconcileRows(ledger: TaskLedger, rows: readonly RemoteTask[], now: number): Promise<ReconcileResult> {
  const covered = new Set<string>();
  const changes: { localId: string; patch: TaskPatch }[] = [];
  const strangers: RemoteTask[] = [];
  for (const row of mergeRows(rows)) {
    const record = (row.taskid && ledger.byTaskId(row.taskid)) || (row.transno ? ledger.byTransno(row.transno) : undefined);
    if (!record) {
      if (row.taskid) strangers.push(row);
      continue;
    }
    covered.add(record.localId);
    const patch = remotePatch(record, row, now);
    if (patch) changes.push({ localId: record.localId, patch });
  }
  if (changes.length > 0) await ledger.updateMany(changes);
  // An empty list commits nothing (adoptMany answers at once).
  const adopted = await ledger.adoptMany(strangers.map((row) => adoptedFields(row, now)));
  for (const record of adopted) covered.add(record.localId);
  return { covered, adopted, updated: changes.length };
}

/** A ledger record for a task made elsewhere (another device, an API key), as complete as the row allows. */
function adoptedFields(row: RemoteTask, now: number): AdoptedFields {
  const createdAt = row.createdAt ?? now;
  const base: AdoptedFields = {
    transno: row.transno ?? `adopted:${row.taskid}`,
    modelId: row.model ?? '',
    modelName: row.model ?? '',
    llmid: row.llmid ?? '',
    catalog: (CATALOGS.includes(row.catalog ?? '') ? row.catalog : 't2v') as Catalog,
    prompt: row.prompt ?? '',
    params: {},
    inputImages: [],
    status: LOCAL_PENDING,
    createdAt,
    resultUrls: [],
  };
  const fields: AdoptedFields = { ...base, ...remotePatch(base, row, now) };
  if (isTerminal(fields.status)) fields.finishedAt ??= now;
  return fields;
}
