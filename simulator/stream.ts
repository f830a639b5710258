/**
 * The §4 video stream: HTTP 200 text/html, chunked, Python-style JSON objects with raw UTF-8.
 * Forms: 'single' (B: one object, no newline, end), 'lines' (A: a line per status change until
 * terminal), 'glued' (C: objects back to back). Failures: D (FAILED line, maybe a cut
 * connection), E (an extra error-only object), and a task whose stream is cut right after its
 * taskid line (`resetAfterTaskid`). Failure texts are written with a multi-byte
 * character split across two chunks so clients must decode UTF-8 incrementally.
 */
import type { ServerResponse } from 'node:http';
import type { SimCore } from './core.ts';
import type { StreamReply } from './http.ts';
import type { TaskState, UsageRec } from './state.ts';
import { TERMINAL } from './tasks.ts';
import { pyDumps, sleep } from './util.ts';

const STREAM_HEADERS = { 'Content-Type': 'text/html' };
const CHUNK_GAP_MS = 15;

function write(res: ServerResponse, data: string | Buffer): boolean {
  if (res.destroyed || res.writableEnded) return false;
  res.write(data);
  return true;
}

/** Writes `text` as two chunks, cutting inside a multi-byte character when there is one. */
export async function writeSplit(res: ServerResponse, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let cut = bytes.findIndex((b) => (b & 0xc0) === 0x80);
  if (cut <= 0) cut = Math.floor(bytes.length / 2);
  write(res, bytes.subarray(0, cut));
  await sleep(CHUNK_GAP_MS);
  write(res, bytes.subarray(cut));
}

/** resetMidBody: send part of the first object, then destroy the socket. */
function cutNow(res: ServerResponse, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  write(res, bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
  setTimeout(() => res.destroy(), CHUNK_GAP_MS);
}

function end(res: ServerResponse): void {
  if (!res.destroyed && !res.writableEnded) res.end();
}

/**
 * `resetAfterTaskid`: the first object (taskid + status) as a whole line, then a cut connection
 * instead of the rest: the task lives on the server, the client only ever saw its taskid.
 */
export function taskStream(core: SimCore, rec: UsageRec, options: { resetAfterTaskid?: boolean } = {}): StreamReply {
  const first: TaskState = rec.outputs[0] ?? { taskid: rec.taskid, status: 'created' };
  return {
    kind: 'stream',
    status: 200,
    headers: STREAM_HEADERS,
    async run(res, cut) {
      const form = core.switches.streamForm;
      if (cut) return cutNow(res, pyDumps(first));
      if (options.resetAfterTaskid) {
        write(res, `${pyDumps(first)}\n`);
        await sleep(CHUNK_GAP_MS);
        res.destroy();
        return;
      }
      if (form === 'single') {
        write(res, pyDumps(first));
        return end(res);
      }
      if (form === 'glued') {
        write(res, pyDumps(first));
        await sleep(CHUNK_GAP_MS);
        write(res, pyDumps(rec.outputs[rec.outputs.length - 1] ?? first));
        return end(res);
      }
      // 'lines': everything so far, then one line per change until a terminal status.
      for (const s of rec.outputs) write(res, `${pyDumps(s)}\n`);
      if (TERMINAL.has(rec.status)) return end(res);
      await new Promise<void>((resolve) => {
        const stop = core.tasks.subscribe(rec.taskid, (s) => {
          write(res, `${pyDumps(s)}\n`);
          if (TERMINAL.has(s.status)) finish();
        });
        const finish = (): void => {
          stop();
          res.off('close', finish);
          end(res);
          resolve();
        };
        res.on('close', finish);
      });
    },
  };
}

export interface FailurePlan {
  /** Objects written one per line; the last is written split across chunks. */
  objects: Record<string, unknown>[];
  /** Destroy the socket after the last line instead of ending cleanly (D). */
  reset: boolean;
}

export function failureStream(plan: FailurePlan): StreamReply {
  return {
    kind: 'stream',
    status: 200,
    headers: STREAM_HEADERS,
    async run(res, cut) {
      const lines = plan.objects.map((o) => `${pyDumps(o)}\n`);
      if (cut) return cutNow(res, lines[0] ?? '{');
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        if (i === lines.length - 1) await writeSplit(res, line);
        else write(res, line);
        await sleep(CHUNK_GAP_MS);
      }
      if (plan.reset) {
        await sleep(CHUNK_GAP_MS);
        res.destroy();
        return;
      }
      end(res);
    },
  };
}
