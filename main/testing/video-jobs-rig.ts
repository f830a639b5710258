/**
 * VideoJobs on its own, against the simulator over loopback: the real catalog, a real ledger (on
 * the memory store, or one that fails on demand), a fresh inputs folder, a counted poke and a
 * capturing logger. One simulator per test file (signed in once); one rig per test. Tests only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach } from 'vitest';
import { MODEL } from '../../simulator/index';
import type { SubmissionInput } from '../../preload/contract/routes/video';
import { systemClock } from '../core/ports';
import type { PlatformHttpClient } from '../platform/http';
import { VIDEO_PATH } from '../platform/video';
import { TaskLedger } from '../services/tasks/ledger';
import type { TaskRecord } from '../services/tasks/types';
import { ModelCatalog } from '../services/video/catalog';
import { VideoJobs, type JobsDeps } from '../services/video/jobs';
import { capturingLogger, type CapturingLogger } from './capturing-logger';
import { MemoryLedgerStore } from './memory-ledger-store';
import { memoryStore } from './memory-ports';
import { useSignedInSimulator } from './signed-in-sim';

/** A memory ledger store whose appends fail while `failWhen` says so (a full disk, say). */
export class FailingLedgerStore extends MemoryLedgerStore {
  failWhen: ((records: readonly TaskRecord[]) => boolean) | null = null;
  override async append(records: readonly TaskRecord[]): Promise<void> {
    if (this.failWhen?.(records)) throw new Error('disk full');
    return super.append(records);
  }
}

export interface JobsRig {
  jobs: VideoJobs;
  ledger: TaskLedger;
  ledgerStore: FailingLedgerStore;
  store: ReturnType<typeof memoryStore>;
  logger: CapturingLogger;
  inputsDir: string;
  signedIn: { value: boolean };
  pokes(): number;
  /** The records of `localId` as they became durable, in order. */
  history(localId: string): TaskRecord[];
  /** Resolves with the record once `test` passes (now or on a later ledger change). */
  waitFor(localId: string, test: (record: TaskRecord) => boolean, timeoutMs?: number): Promise<TaskRecord>;
}

export interface JobsRigOptions {
  http?: PlatformHttpClient;
  lastBalance?: () => number | null;
}

const SIM_TIMINGS = { processingAfterMs: 100, succeedAfterMs: 400, billingDelayMs: 100 };

/** Registers the simulator hooks; call at the top of a test file. */
export function useJobsSimulator() {
  const signed = useSignedInSimulator({ taskTimings: SIM_TIMINGS });
  const ledgers: TaskLedger[] = [];
  afterEach(async () => {
    for (const ledger of ledgers.splice(0)) await ledger.close();
  });
  let formCounter = 0;

  async function rig(options: JobsRigOptions = {}): Promise<JobsRig> {
    const ledgerStore = new FailingLedgerStore();
    const ledger = await TaskLedger.open({ store: ledgerStore, clock: systemClock });
    ledgers.push(ledger);
    const seen = new Map<string, TaskRecord[]>();
    ledger.onChange((changed) => changed.forEach((r) => seen.set(r.localId, [...(seen.get(r.localId) ?? []), structuredClone(r)])));
    const store = memoryStore();
    const logger = capturingLogger();
    const http = options.http ?? signed.http();
    const catalog = new ModelCatalog({ http, store, clock: systemClock, logger, scope: () => 'sim|demo' });
    const inputsDir = join(mkdtempSync(join(tmpdir(), 'yj-jobs-')), 'inputs');
    mkdirSync(inputsDir, { recursive: true });
    const signedIn = { value: true };
    let pokes = 0;
    const deps: JobsDeps = {
      http,
      catalog,
      ledger: () => ledger,
      session: { isSignedIn: () => signedIn.value },
      inputsDir: () => inputsDir,
      store,
      clock: systemClock,
      logger,
      poke: () => void (pokes += 1),
      ...(options.lastBalance ? { lastBalance: options.lastBalance } : {}),
    };
    return {
      jobs: new VideoJobs(deps),
      ledger,
      ledgerStore,
      store,
      logger,
      inputsDir,
      signedIn,
      pokes: () => pokes,
      history: (localId) => seen.get(localId) ?? [],
      waitFor(localId, test, timeoutMs = 8_000) {
        const now = ledger.get(localId);
        if (now && test(now)) return Promise.resolve(now);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            stop();
            reject(new Error(`task ${localId} did not reach the awaited state within ${timeoutMs} ms (now ${JSON.stringify(ledger.get(localId))})`));
          }, timeoutMs);
          const stop = ledger.onChange((changed) => {
            const hit = changed.find((r) => r.localId === localId && test(r));
            if (!hit) return;
            clearTimeout(timer);
            stop();
            resolve(hit);
          });
        });
      },
    };
  }

  const t2v = (values: Record<string, unknown> = {}): SubmissionInput => ({
    modelId: MODEL.q3Pro,
    catalog: 't2v',
    values: { prompt: '清晨的江南古镇，一只白鹭掠过水面', duration: 5, resolution: '1080p', ...values },
    formId: `jobs-form-${Date.now()}-${(formCounter += 1)}`,
  });

  return {
    sim: signed.sim,
    http: signed.http,
    rig,
    t2v,
    sent: () => signed.sim().control.requests().filter((r) => r.path === VIDEO_PATH),
  };
}

/** A PNG the client accepts (signature + IHDR of the given size), padded so its hash is unique. */
export function pngBytes(width: number, height: number, tag = ''): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ihdr, Buffer.from(tag)]);
}

/** Writes `bytes` into the inputs folder under its content name, as `video.pickImages` would. */
export function inputCopy(inputsDir: string, bytes: Buffer, extension: 'png' | 'jpg' | 'webp' = 'png'): string {
  const path = join(inputsDir, `${createHash('sha256').update(bytes).digest('hex')}.${extension}`);
  writeFileSync(path, bytes);
  return path;
}
