/**
 * TaskLedger: adopting the platform's rows without duplicating a task this client already has,
 * and updates that must leave what they do not mention alone (status, an unknown end time).
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { MemoryLedgerStore } from '../../testing/memory-ledger-store';
import { TaskLedger, type AdoptedFields } from './ledger';
import type { NewTaskInput, TaskRecord } from './types';

const task = (n: number): NewTaskInput => ({ modelId: 'm', modelName: 'viduq3', llmid: 'l', catalog: 't2v', prompt: `p${n}`, params: { n } });

const row = (taskid: string | undefined, transno: string, status = 'SUCCEEDED'): AdoptedFields => ({
  taskid,
  transno,
  modelId: 'm',
  modelName: 'm',
  llmid: 'l',
  catalog: 't2v',
  prompt: `row ${transno}`,
  params: {},
  inputImages: [],
  status,
  createdAt: 1,
  resultUrls: [],
});

async function openLedger(store = new MemoryLedgerStore(), clock = new FakeClock()) {
  const ledger = await TaskLedger.open({ store, clock });
  const heard: TaskRecord[][] = [];
  ledger.onChange((changed) => heard.push([...changed]));
  return { ledger, store, clock, heard };
}

describe('TaskLedger adoption and partial updates', () => {
  it('answers a row carrying the transno of a task written here as that task, not a second copy', async () => {
    const { ledger, store, heard } = await openLedger();
    const mine = await ledger.createPending(task(1));
    const appends = store.appends;
    heard.length = 0;
    // The submit stream was lost: the platform's list shows the task with its taskid and our transno.
    const [answer] = await ledger.adoptMany([row('T9', mine.transno, 'processing')]);
    expect(answer).toBe(ledger.get(mine.localId));
    expect(answer).toMatchObject({ origin: 'local', prompt: 'p1', status: 'pending' });
    expect(ledger.size).toBe(1);
    expect(store.appends).toBe(appends);
    expect(heard).toEqual([]);
  });

  it('adopting only known tasks writes nothing and tells no listener', async () => {
    const { ledger, store, heard } = await openLedger();
    const first = await ledger.adopt(row('T1', 'adopted:T1'));
    const appends = store.appends;
    heard.length = 0;
    expect(await ledger.adoptMany([row('T1', 'adopted:T1'), row('T1', 'other')])).toEqual([first, first]);
    expect(await ledger.adopt(row(undefined, 'adopted:T1'))).toBe(first);
    expect(store.appends).toBe(appends);
    expect(store.journalEntries).toBe(1);
    expect(heard).toEqual([]);
  });

  it('tells listeners the records as committed and makes each adopted task findable and durable', async () => {
    const { ledger, store, heard } = await openLedger();
    const adopted = await ledger.adoptMany([row('T1', 'adopted:T1'), row(undefined, 'web-2', 'processing')]);
    expect(heard).toEqual([adopted]);
    expect(adopted.map((r) => [r.origin, r.hidden])).toEqual([
      ['adopted', false],
      ['adopted', false],
    ]);
    expect(ledger.byTaskId('T1')).toBe(adopted[0]);
    expect(ledger.byTransno('web-2')).toBe(adopted[1]);
    expect(ledger.activeCount()).toBe(1);
    const reloaded = await TaskLedger.open({ store, clock: new FakeClock() });
    expect(reloaded.byTransno('web-2')).toEqual(adopted[1]);
  });

  it('an update without a status keeps the status it had', async () => {
    const { ledger, heard } = await openLedger();
    const a = await ledger.createPending(task(1));
    expect((await ledger.recordTaskId(a.localId, 'T1')).status).toBe('pending');
    await ledger.update(a.localId, { status: 'processing' });
    const hidden = await ledger.hide(a.localId);
    expect(hidden).toMatchObject({ status: 'processing', hidden: true, taskid: 'T1' });
    expect(heard.at(-1)).toEqual([hidden]);
    expect(ledger.activeCount()).toBe(1);
  });

  it('a task already finished when recorded, with no end time known, gets none made up by a later update', async () => {
    const { ledger, clock } = await openLedger();
    const done = await ledger.adopt(row('T1', 'adopted:T1'));
    await clock.advance(60_000);
    const billed = await ledger.update(done.localId, { billing: 'accounted', amount: 4.5 });
    expect(billed.finishedAt).toBeUndefined();
    expect(billed).toMatchObject({ status: 'SUCCEEDED', billing: 'accounted', updatedAt: clock.now() });
    const failedLate = await ledger.update(done.localId, { status: 'FAILED', error: 'taskid=T1 not exist' });
    expect(failedLate.finishedAt).toBeUndefined();
    expect(failedLate.error).toBeUndefined();
  });

  it('keeps the outcome an upgrade brings (UNKNOWN becoming FAILED says why)', async () => {
    const { ledger } = await openLedger();
    const a = await ledger.createPending(task(1));
    const lost = await ledger.update(a.localId, { status: 'UNKNOWN', failureKind: 'lost_track' });
    const failed = await ledger.update(a.localId, { status: 'FAILED', failureKind: 'generation_failed', error: '内容审核未通过' });
    expect(failed).toMatchObject({ status: 'FAILED', failureKind: 'generation_failed', error: '内容审核未通过', finishedAt: lost.finishedAt });
  });
});
