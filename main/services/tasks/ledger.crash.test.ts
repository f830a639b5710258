/**
 * A real crash: a child process writes tasks through the file-backed ledger and is killed with
 * SIGKILL, between the write-ahead and the taskid, after the taskid, and at random moments (30
 * runs on one folder, so compactions get cut short too). After each kill a fresh ledger must
 * hold every acknowledged write, exactly once.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/ports';
import { FileLedgerStore } from './journal';
import { TaskLedger } from './ledger';

const CHILD = resolve(import.meta.dirname, '../../testing/ledger-crash-child.ts');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'yj-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Child {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  waitFor(prefix: string): Promise<string>;
  killed: Promise<void>;
}

function startChild(mode: 'loop' | 'steps'): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { stdio: 'pipe' });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  let buffered = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => line.startsWith(w.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const killed = new Promise<void>((r) => proc.on('exit', () => r()));
  const waitFor = (prefix: string) =>
    new Promise<string>((res, rej) => {
      const done = lines.find((l) => l.startsWith(prefix));
      if (done) return res(done);
      waiters.push({ prefix, resolve: res });
      proc.on('exit', () => rej(new Error(`child exited before "${prefix}"`)));
    });
  return { proc, lines, waitFor, killed };
}

async function kill(child: Child): Promise<void> {
  child.proc.kill('SIGKILL');
  await child.killed;
}

async function load(): Promise<TaskLedger> {
  return TaskLedger.open({ store: new FileLedgerStore(dir), clock: systemClock });
}

describe('TaskLedger after SIGKILL', () => {
  it('keeps a pending task with its transno when killed between write-ahead and taskid, and the taskid after', async () => {
    const child = startChild('steps');
    const [, localId, transno] = (await child.waitFor('P ')).split(' ');
    await kill(child);
    let ledger = await load();
    expect(ledger.size).toBe(1);
    expect(ledger.byTransno(transno)).toMatchObject({ localId, status: 'pending' });
    expect(ledger.get(localId)?.taskid).toBeUndefined();
    await ledger.close();

    const second = startChild('steps');
    await second.waitFor('P ');
    second.proc.stdin.write('\n');
    const [, secondId] = (await second.waitFor('T ')).split(' ');
    await kill(second);
    ledger = await load();
    expect(ledger.size).toBe(2);
    expect(ledger.get(secondId)?.taskid).toBe(`t-${secondId}`);
    expect(ledger.get(localId)?.transno).toBe(transno); // the first run's task is untouched
    await ledger.close();
  }, 30_000);

  it('loses and duplicates nothing over 30 kills at random moments', async () => {
    const acknowledged = new Map<string, { transno: string; taskid: boolean; status: boolean }>();
    const runs = 30;
    for (let run = 0; run < runs; run += 1) {
      const child = startChild('loop');
      await child.waitFor('ready');
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 120));
      await kill(child);
      for (const line of child.lines) {
        const [kind, id, transno] = line.split(' ');
        if (kind === 'P') acknowledged.set(id, { transno, taskid: false, status: false });
        if (kind === 'T') acknowledged.get(id)!.taskid = true;
        if (kind === 'S') acknowledged.get(id)!.status = true;
      }
      const ledger = await load();
      const records = ledger.list({ includeHidden: true });
      for (const [id, ack] of acknowledged) {
        const record = ledger.get(id);
        expect(record?.transno, `run ${run}: task ${id}`).toBe(ack.transno);
        if (ack.taskid) expect(record?.taskid).toBe(`t-${id}`);
        if (ack.status) expect(record?.status).toBe('processing');
      }
      // At most one unacknowledged task per run (durable, killed before it could say so).
      expect(records.length).toBeGreaterThanOrEqual(acknowledged.size);
      expect(records.length).toBeLessThanOrEqual(acknowledged.size + run + 1);
      expect(new Set(records.map((r) => r.transno)).size).toBe(records.length);
      await ledger.close();
    }
    expect(acknowledged.size).toBeGreaterThan(runs); // the kills did land mid-stream
  }, 180_000);
});
