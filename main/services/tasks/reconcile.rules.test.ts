/** Reconciliation in detail: what each remote word does to a local record, row merging, and adopted records. */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { TaskLedger } from './ledger';
import { DEFAULT_URL_LIFETIME_MS, mergeRows, reconcileRows, remotePatch, resultExpiry } from './reconcile';
import type { RemoteTask, TaskRecord } from './types';

const clock = new FakeClock();
const NOW = clock.now();
const newLedger = () => TaskLedger.open({ store: new MemoryLedgerStore(), clock });
const task = { modelId: 'm', modelName: 'viduq3', llmid: 'l', catalog: 't2v' as const, prompt: 'p', params: {} };
const row = (r: Partial<RemoteTask> & { taskid: string }): RemoteTask => ({ status: 'processing', resultUrls: [], ...r });
const record = (r: Partial<TaskRecord>): TaskRecord => ({ taskid: 't', status: 'processing', resultUrls: [], lastRemoteChangeAt: 1, ...r }) as TaskRecord;

describe('remotePatch: the taskid arrives', () => {
  it('from a row: the taskid, and the submit time the client saw, else the row time, else now', () => {
    const pending = record({ taskid: undefined, status: 'pending', lastRemoteChangeAt: undefined });
    expect(remotePatch(pending, row({ taskid: 'T', createdAt: 50 }), NOW)).toEqual({ taskid: 'T', submittedAt: 50, status: 'processing', lastRemoteChangeAt: NOW });
    expect(remotePatch({ ...pending, submittedAt: 40 }, row({ taskid: 'T', createdAt: 50 }), NOW)?.submittedAt).toBe(40);
    expect(remotePatch(pending, row({ taskid: 'T' }), NOW)?.submittedAt).toBe(NOW);
  });
  it('a progress word touches no outcome field', () => {
    const patch = remotePatch(record({}), row({ taskid: 't', status: 'queueing', error: 'slow' }), NOW);
    expect(Object.keys(patch ?? {}).sort()).toEqual(['lastRemoteChangeAt', 'status']);
  });
  it('a known taskid is never replaced', () => {
    expect(remotePatch(record({ taskid: 'T' }), row({ taskid: 'OTHER' }), NOW)).toBeNull();
  });
});

describe('remotePatch: status words', () => {
  it('the first state ever seen stamps the change time even when the word is the same', () => {
    expect(remotePatch(record({ lastRemoteChangeAt: undefined }), row({ taskid: 't' }), NOW)).toEqual({ lastRemoteChangeAt: NOW });
  });
  it('UNKNOWN keeps the error but names no failure kind yet', () => {
    const patch = remotePatch(record({}), row({ taskid: 't', status: 'UNKNOWN', error: 'lost' }), NOW);
    expect(patch).toEqual({ status: 'UNKNOWN', error: 'lost', lastRemoteChangeAt: NOW });
    expect(patch).not.toHaveProperty('failureKind');
  });
  it('FAILED with a vendor reason is a generation failure; the vendor lower-case word needs its error', () => {
    expect(remotePatch(record({}), row({ taskid: 't', status: 'FAILED', error: '内容审核未通过' }), NOW)).toEqual({ status: 'FAILED', error: '内容审核未通过', failureKind: 'generation_failed', lastRemoteChangeAt: NOW });
    expect(remotePatch(record({}), row({ taskid: 't', status: 'failed', error: 'x' }), NOW)?.status).toBe('FAILED');
    expect(remotePatch(record({}), row({ taskid: 't', status: 'failed' }), NOW)?.status).toBe('failed');
  });
  it('the vendor word success counts only with a video, and then brings the video', () => {
    expect(remotePatch(record({}), row({ taskid: 't', status: 'success' }), NOW)?.status).toBe('success');
    expect(remotePatch(record({}), row({ taskid: 't', status: 'success', resultUrls: ['https://c/v.mp4'] }), NOW)).toMatchObject({ status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
  });
  it('a lost track that turns into a success clears the error and the failure kind', () => {
    const lost = record({ status: 'FAILED', error: 'None, x', failureKind: 'lost_track' });
    const patch = remotePatch(lost, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] }), NOW);
    expect(patch).toMatchObject({ status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], resultExpiresAt: NOW + DEFAULT_URL_LIFETIME_MS });
    expect(patch).toHaveProperty('error', undefined);
    expect(patch).toHaveProperty('failureKind', undefined);
  });
  it('a FAILED word for a succeeded task brings neither its URLs nor its billing', () => {
    const done = record({ status: 'SUCCEEDED', billing: 'created' });
    expect(remotePatch(done, row({ taskid: 't', status: 'FAILED', error: 'x', resultUrls: ['https://c/other.mp4'], accountingStatus: 'failed', amount: 9 }), NOW)).toBeNull();
  });
});

describe('remotePatch: after SUCCEEDED (§5.6)', () => {
  const done = record({ status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], billing: 'created', amount: 4.5 });
  it('the same URLs, billing and amount again change nothing', () => {
    expect(remotePatch(done, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'], accountingStatus: 'created', amount: 4.5 }), NOW)).toBeNull();
    expect(remotePatch(done, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: [], accountingStatus: 'weird', amount: null }), NOW)).toBeNull();
  });
  it('a shorter or a different URL list also replaces the old one', () => {
    const two = { ...done, resultUrls: ['https://c/v.mp4', 'https://c/w.mp4'] };
    expect(remotePatch(two, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] }), NOW)?.resultUrls).toEqual(['https://c/v.mp4']);
    expect(remotePatch(two, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4', 'https://c/x.mp4'] }), NOW)?.resultUrls).toEqual(['https://c/v.mp4', 'https://c/x.mp4']);
    expect(remotePatch(two, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4', 'https://c/w.mp4'] }), NOW)).toBeNull();
  });
  it('a new URL list replaces the old one, with its expiry', () => {
    expect(remotePatch(done, row({ taskid: 't', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4', 'https://c/w.mp4'] }), NOW))
      .toEqual({ resultUrls: ['https://c/v.mp4', 'https://c/w.mp4'], resultExpiresAt: NOW + DEFAULT_URL_LIFETIME_MS });
  });
  it('billed after a failed billing: the billing failure is lifted', () => {
    const failed = { ...done, billing: 'failed' as const, failureKind: 'billing_failed' as const };
    const patch = remotePatch(failed, row({ taskid: 't', status: 'SUCCEEDED', accountingStatus: 'accounted', amount: 5 }), NOW);
    expect(patch).toEqual({ billing: 'accounted', amount: 5 });
    expect(patch).toHaveProperty('failureKind', undefined);
    expect(remotePatch({ ...done, failureKind: undefined }, row({ taskid: 't', status: 'SUCCEEDED', accountingStatus: 'accounted' }), NOW)).not.toHaveProperty('failureKind');
  });
});

describe('resultExpiry (§10.8)', () => {
  it('the earliest Expires among the URLs; URLs without one do not count', () => {
    expect(resultExpiry(['https://c/a?Expires=1900000300', 'https://c/b', 'https://c/c?Expires=1900000100'], NOW)).toBe(1_900_000_100_000);
    expect(resultExpiry([], NOW)).toBe(NOW + 3_600_000);
  });
});

describe('mergeRows', () => {
  it('rows without a taskid meet by transno, and different transnos stay apart', () => {
    const merged = mergeRows([row({ taskid: '', transno: 'X' }), row({ taskid: '', transno: 'X', status: 'SUCCEEDED' }), row({ taskid: '', transno: 'Y' })]);
    expect(merged.map((r) => [r.transno, r.status])).toEqual([['X', 'SUCCEEDED'], ['Y', 'processing']]);
  });
  it('only a higher terminal word replaces the row kept; progress words never do', () => {
    const first = (rows: RemoteTask[]) => mergeRows(rows)[0];
    expect(first([row({ taskid: 'a', status: 'created' }), row({ taskid: 'a', status: 'processing' })]).status).toBe('created');
    expect(first([row({ taskid: 'a', status: 'UNKNOWN' }), row({ taskid: 'a', status: 'FAILED', error: 'x' })]).status).toBe('FAILED');
    expect(first([row({ taskid: 'a', status: 'SUCCEEDED' }), row({ taskid: 'a', status: 'FAILED', error: 'x' })]).status).toBe('SUCCEEDED');
    expect(first([row({ taskid: 'a', status: 'FAILED', error: 'x' }), row({ taskid: 'a', status: 'success', resultUrls: ['v'] })]).status).toBe('success');
    const billed = row({ taskid: 'a', status: 'SUCCEEDED', amount: 4.5 });
    expect(first([billed, row({ taskid: 'a', status: 'SUCCEEDED' })])).toBe(billed);
  });
});

describe('reconcileRows', () => {
  it('the taskid match comes first; a row without taskid still finds its write-ahead entry by transno', async () => {
    const ledger = await newLedger();
    const known = await ledger.createPending(task);
    await ledger.update(known.localId, { taskid: 'T1', status: 'processing', lastRemoteChangeAt: 1 });
    const pending = await ledger.createPending(task);
    const result = await reconcileRows(ledger, [row({ taskid: 'T1', transno: pending.transno, status: 'SUCCEEDED' }), row({ taskid: '', transno: pending.transno, status: 'queueing' })], NOW);
    expect(ledger.get(known.localId)?.status).toBe('SUCCEEDED');
    expect(ledger.get(pending.localId)).toMatchObject({ status: 'queueing' });
    expect(ledger.get(pending.localId)?.taskid).toBeUndefined();
    expect(result).toMatchObject({ updated: 2, adopted: [] });
    expect(result.covered).toEqual(new Set([known.localId, pending.localId]));
  });

  it('a row nobody here knows and without a taskid is left alone; a quiet row counts as covered, not updated', async () => {
    const store = new MemoryLedgerStore();
    const ledger = await TaskLedger.open({ store, clock });
    const quiet = await ledger.createPending(task);
    await ledger.update(quiet.localId, { taskid: 'Q', status: 'processing', lastRemoteChangeAt: 1 });
    const result = await reconcileRows(ledger, [row({ taskid: '', transno: 'nobody' }), row({ taskid: 'Q' })], NOW);
    expect(result).toMatchObject({ updated: 0, adopted: [] });
    expect(result.covered).toEqual(new Set([quiet.localId]));
    expect(ledger.size).toBe(1);
  });

  it('a quiet round writes nothing and tells no one', async () => {
    const store = new MemoryLedgerStore();
    const ledger = await TaskLedger.open({ store, clock });
    const quiet = await ledger.createPending(task);
    await ledger.update(quiet.localId, { taskid: 'Q', status: 'processing', lastRemoteChangeAt: 1 });
    const writes = store.appends;
    const told: number[] = [];
    ledger.onChange((records) => told.push(records.length));
    await reconcileRows(ledger, [row({ taskid: 'Q' })], NOW);
    expect(store.appends).toBe(writes);
    expect(told).toEqual([]);
  });

  it('an adopted task: as complete as the row allows, covered, running without a finish time', async () => {
    const ledger = await newLedger();
    const result = await reconcileRows(ledger, [row({ taskid: 'R', catalog: 'r2v', createdAt: 123, llmid: 'L', model: 'viduq2' })], NOW);
    const adopted = ledger.byTaskId('R');
    expect(adopted).toMatchObject({
      origin: 'adopted', hidden: false, transno: 'adopted:R', taskid: 'R', submittedAt: 123, createdAt: 123, catalog: 'r2v', llmid: 'L', modelId: 'viduq2', modelName: 'viduq2',
      prompt: '', params: {}, inputImages: [], status: 'processing', resultUrls: [], lastRemoteChangeAt: NOW,
    });
    expect(adopted?.finishedAt).toBeUndefined();
    expect(result.covered).toEqual(new Set([adopted?.localId]));
    expect(result.updated).toBe(0);
  });

  it('an adopted task with nothing but its taskid: t2v, empty names, created now; finished now when terminal', async () => {
    const ledger = await newLedger();
    await reconcileRows(ledger, [row({ taskid: 'S', catalog: 'x2v', status: 'FAILED', error: 'Traceback' })], NOW);
    expect(ledger.byTaskId('S')).toMatchObject({ catalog: 't2v', llmid: '', modelId: '', modelName: '', createdAt: NOW, submittedAt: NOW, status: 'FAILED', failureKind: 'lost_track', finishedAt: NOW });
  });
});
