/** Reconciliation: matching by taskid and exact transno, adoption, never downgrading, billing and URL expiry. */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { TaskLedger } from './ledger';
import { mergeRows, reconcileRows, remotePatch, resultExpiry } from './reconcile';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import type { RemoteTask, TaskRecord } from './types';

const clock = new FakeClock();
const newLedger = () => TaskLedger.open({ store: new MemoryLedgerStore(), clock });
const task = { modelId: 'm', modelName: 'viduq3', llmid: 'l', catalog: 't2v' as const, prompt: 'p', params: {} };
const row = (r: Partial<RemoteTask> & { taskid: string }): RemoteTask => ({ status: 'processing', resultUrls: [], ...r });

describe('remotePatch', () => {
  const base = { taskid: 't', status: 'processing', resultUrls: [], lastRemoteChangeAt: 1 } as unknown as TaskRecord;

  it('is null when nothing changed, so a quiet tick writes nothing', () => {
    expect(remotePatch(base, row({ taskid: 't' }), 5)).toBeNull();
  });

  it('keeps billing and URLs coming after SUCCEEDED, and marks a failed billing', () => {
    const succeeded = { ...base, status: 'SUCCEEDED', billing: 'created' } as TaskRecord;
    const patch = remotePatch(succeeded, row({ taskid: 't', status: 'SUCCEEDED', accountingStatus: 'failed', amount: 4.5, resultUrls: ['https://c/v.mp4?Expires=1900000000'] }), 5);
    expect(patch).toEqual({ billing: 'failed', failureKind: 'billing_failed', amount: 4.5, resultUrls: ['https://c/v.mp4?Expires=1900000000'], resultExpiresAt: 1_900_000_000_000 });
  });

  it('classifies a FAILED word by its error, and refuses a downgrade', () => {
    expect(remotePatch(base, row({ taskid: 't', status: 'FAILED', error: 'None, ClientConnectorError' }), 5)).toMatchObject({ status: 'FAILED', failureKind: 'lost_track' });
    const succeeded = { ...base, status: 'SUCCEEDED' } as TaskRecord;
    expect(remotePatch(succeeded, row({ taskid: 't', status: 'FAILED', error: 'taskid=t not exist' }), 5)).toBeNull();
  });

  it('assumes an hour for a result URL without an expiry', () => {
    expect(resultExpiry(['https://c/v.mp4'], 1_000)).toBe(1_000 + 3_600_000);
  });
});

describe('mergeRows', () => {
  it('keeps one row per task across catalogs, the terminal one', () => {
    const merged = mergeRows([row({ taskid: 'a', catalog: 't2v' }), row({ taskid: 'a', status: 'SUCCEEDED', catalog: 'i2v' }), row({ taskid: 'a', catalog: 'r2v' })]);
    expect(merged).toHaveLength(1);
    expect(merged[0].status).toBe('SUCCEEDED');
  });
});

describe('reconcileRows', () => {
  it('finds a write-ahead entry by exact transno and gives it the taskid', async () => {
    const ledger = await newLedger();
    const pending = await ledger.createPending(task);
    const other = await ledger.createPending(task);
    const result = await reconcileRows(ledger, [row({ taskid: 'T1', transno: pending.transno, status: 'queueing' })], clock.now());
    expect(ledger.get(pending.localId)).toMatchObject({ taskid: 'T1', status: 'queueing', origin: 'local' });
    expect(ledger.get(other.localId)?.taskid).toBeUndefined();
    expect(result.covered).toEqual(new Set([pending.localId]));
    expect(ledger.size).toBe(2);
  });

  it('adopts tasks made elsewhere once, and never downgrades a terminal task', async () => {
    const ledger = await newLedger();
    const done = await ledger.createPending(task);
    await ledger.update(done.localId, { taskid: 'DONE', status: 'SUCCEEDED' });
    const rows = [row({ taskid: 'DONE', status: 'FAILED', error: 'taskid=DONE not exist' }), row({ taskid: 'ELSE', transno: 'tx-else', status: 'SUCCEEDED', model: 'viduq3', prompt: '别处' })];
    const first = await reconcileRows(ledger, rows, clock.now());
    const second = await reconcileRows(ledger, rows, clock.now());
    expect(first.adopted).toHaveLength(1);
    expect(second.adopted).toHaveLength(0);
    expect(ledger.size).toBe(2);
    expect(ledger.byTaskId('ELSE')).toMatchObject({ origin: 'adopted', transno: 'tx-else', status: 'SUCCEEDED', prompt: '别处' });
    expect(ledger.byTaskId('ELSE')?.finishedAt).toBeDefined();
    expect(ledger.get(done.localId)?.status).toBe('SUCCEEDED');
  });
});
