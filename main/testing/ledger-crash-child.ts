/**
 * Child process for the ledger crash test: writes tasks and reports each step on stdout only
 * after the ledger call resolved (the write is durable), so the parent knows what must survive
 * a SIGKILL at any moment. Usage: ledger-crash-child.ts <dir> <loop|steps>
 *   loop:  create → taskid → status, over and over, compacting often;
 *   steps: one task, pausing for a line on stdin after each step.
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { FileLedgerStore } from '../services/tasks/journal';
import { TaskLedger } from '../services/tasks/ledger';
import { systemClock } from '../core/ports';

const [dir, mode] = process.argv.slice(2);
const say = (line: string): void => void writeSync(1, `${line}\n`);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextLine = async (): Promise<void> => void (await lines.next());

const ledger = await TaskLedger.open({ store: new FileLedgerStore(dir), clock: systemClock, compactAfter: 25 });
const task = (n: number) => ({ modelId: 'm', modelName: 'viduq3', llmid: 'l', catalog: 't2v' as const, prompt: `p${n}`, params: { n } });

say('ready');
if (mode === 'steps') {
  const r = await ledger.createPending(task(0));
  say(`P ${r.localId} ${r.transno}`);
  await nextLine();
  await ledger.recordTaskId(r.localId, `t-${r.localId}`);
  say(`T ${r.localId}`);
  await nextLine();
} else {
  for (let n = 0; ; n += 1) {
    const r = await ledger.createPending(task(n));
    say(`P ${r.localId} ${r.transno}`);
    await ledger.recordTaskId(r.localId, `t-${r.localId}`);
    say(`T ${r.localId}`);
    await ledger.update(r.localId, { status: 'processing' });
    say(`S ${r.localId}`);
  }
}
