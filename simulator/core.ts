/** The simulator's shared parts, and what a handler receives. */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FaultBook } from './faults.ts';
import type { Params, Reply } from './http.ts';
import { RequestLog } from './log.ts';
import { PaymentBook } from './payment.ts';
import { SessionManager } from './session.ts';
import { SimState, type UserRec } from './state.ts';
import { DEFAULT_SWITCHES, validateSwitches } from './switches.ts';
import { TaskEngine, type TaskTimings } from './tasks.ts';
import type { SimulatorOptions, Switches } from './types.ts';
import { Timers } from './util.ts';
import { wallClock, type SimClock } from './clock.ts';
import { TEST_SMS_CODE } from './ids.ts';

export interface ResolvedOptions {
  host: string;
  port: number;
  seed: 'demo' | 'empty';
  ttlMs: number;
  refreshAfterMs: number;
  timings: TaskTimings;
  quiet: boolean;
  paymentNotifyDelayMs: number;
  smsCodeTtlMs: number;
  smsCode: string;
  basePath: string;
  /** Size of result videos and /idfile files; null = about 1.5 MB per task. */
  mediaBytes: number | null;
  clock: SimClock;
  random?: () => number;
}

export interface SimCore {
  /** Base URL including basePath, no trailing slash (set once listening). */
  url: string;
  readonly opts: ResolvedOptions;
  readonly switches: Switches;
  readonly state: SimState;
  readonly sessions: SessionManager;
  readonly faults: FaultBook;
  readonly timers: Timers;
  readonly tasks: TaskEngine;
  readonly payments: PaymentBook;
  readonly log: RequestLog;
  /** The current version of each media path (the newVersion fault bumps it); absent = 0. */
  readonly mediaVersions: Map<string, number>;
}

export interface Ctx {
  core: SimCore;
  params: Params;
  /** The authenticated user (null on public paths without a session). */
  user: UserRec | null;
  ip: string;
  req: IncomingMessage;
  /** Path relative to the base, e.g. '/rbac/phone_login.dspy'. */
  path: string;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

const URL_LIFETIME_S: Readonly<Record<string, number>> = { '5s': 5, '1h': 3600, '24h': 86_400 };

/** §10.8: a vendor link signed with an expiry, fixed when the task succeeds (the platform never renews it). */
function signedVideoUrl(url: string, lifetime: Switches['resultUrlExpires']): string {
  if (lifetime === null) return url;
  const expires = Math.floor(Date.now() / 1000) + (URL_LIFETIME_S[lifetime] ?? 3600);
  const signature = createHash('sha256').update(`${url}|${expires}`).digest('hex').slice(0, 24);
  return `${url}?Expires=${expires}&Signature=${signature}`;
}

export function resolveOptions(o: SimulatorOptions = {}): ResolvedOptions {
  const base = (o.basePath ?? '').replace(/\/+$/, '');
  if (base !== '' && !base.startsWith('/')) throw new Error("basePath must start with '/'");
  if (o.mediaBytes !== undefined && (!Number.isInteger(o.mediaBytes) || o.mediaBytes < 64)) throw new Error('mediaBytes must be an integer >= 64');
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    seed: o.seed ?? 'demo',
    ttlMs: o.session?.ttlMs ?? 120_000,
    refreshAfterMs: o.session?.refreshAfterMs ?? 30_000,
    timings: {
      processingAfterMs: o.taskTimings?.processingAfterMs ?? 3000,
      succeedAfterMs: o.taskTimings?.succeedAfterMs ?? 20_000,
      billingDelayMs: o.taskTimings?.billingDelayMs ?? 5000,
      jitter: Math.min(1, Math.max(0, o.taskTimings?.jitter ?? 0)),
    },
    quiet: o.quiet ?? true,
    paymentNotifyDelayMs: o.paymentNotifyDelayMs ?? 1000,
    smsCodeTtlMs: o.smsCodeTtlMs ?? 300_000,
    smsCode: o.smsCode ?? TEST_SMS_CODE,
    basePath: base,
    mediaBytes: o.mediaBytes ?? null,
    clock: o.clock ?? wallClock,
    ...(o.random ? { random: o.random } : {}),
  };
}

export function createCore(opts: ResolvedOptions, switches: Partial<Switches> = {}): SimCore {
  const state = new SimState();
  const timers = new Timers(opts.clock);
  const core: SimCore = {
    url: '',
    opts,
    switches: { ...DEFAULT_SWITCHES, ...validateSwitches(switches) },
    state,
    sessions: new SessionManager(opts.ttlMs, opts.refreshAfterMs, () => timers.now()),
    faults: new FaultBook(),
    timers,
    // A task that finishes under 'playable' names its WebM truthfully (downloads keep the URL's extension).
    tasks: new TaskEngine({ state, timers, timings: opts.timings, videoUrl: (taskid) => signedVideoUrl(`${core.url}/media/${taskid}.${core.switches.mediaKind === 'playable' ? 'webm' : 'mp4'}`, core.switches.resultUrlExpires), outcome: () => core.switches.taskOutcome, random: opts.random }),
    payments: new PaymentBook(state, timers),
    log: new RequestLog(() => timers.now()),
    mediaVersions: new Map(),
  };
  return core;
}
