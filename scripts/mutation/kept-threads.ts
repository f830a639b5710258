import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'vite';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, TestProject, WorkerRequest, WorkerResponse } from 'vitest/node';

/**
 * A vitest pool for the mutation run that keeps its worker threads from one run to the next.
 *
 * Stryker runs vitest once per mutant (`ctx.start`), and vitest 4 ends every worker at the end of a
 * run, so each mutant paid for a new thread and for loading the test runtime into it: 237 ms a run,
 * a third of the whole mutation run. This pool parks a thread when vitest is done with a file and
 * hands it to the next file, of the same run or the next, which then costs only its test files.
 *
 * What still holds, and why:
 * - Test files stay isolated from each other as far as vitest isolates them in one thread: with
 *   `isolate: true` (the default, and ours) the worker resets its module cache and mocks before every
 *   file, so each file imports the code under test afresh and sees the mutant that is now active.
 * - Each run's settings reach the thread. The worker reads the project config from the "start"
 *   message, which a parked thread has had already; Stryker changes that config between runs (the test
 *   name filter that picks a mutant's covering tests), so every "run" message carries the current one.
 *   The values Stryker provides (`inject('activeMutant')`) travel with each run already.
 * - A thread that may be in a bad state is never reused: one vitest stopped without asking it (a
 *   cancelled or timed-out run), one that reported an error or exited, one whose heap has grown past
 *   `heapLimitBytes`, and one that has served `filesPerThread` files ({@link DEFAULT_OPTIONS}). Those
 *   end as vitest's own threads do.
 * - Globals are the one thing a kept thread carries from file to file (vitest resets modules, not
 *   `globalThis`). `firstSetupFiles` run first in every file, to clear the globals that matter.
 * - A parked thread does not keep the process alive (it is unref'd) and leaves the park if it exits.
 */

export interface KeptThreadOptions {
  /** A thread whose heap has grown past this after a file is retired instead of parked. */
  heapLimitBytes: number;
  /** A thread is retired after this many files, so nothing a test leaks can pile up without bound. */
  filesPerThread: number;
  /**
   * Setup files run before every other one, in every test file: they remove what a test file leaves
   * in the thread's globals that a fresh thread would not have (see vitest.mutation.config.ts).
   */
  firstSetupFiles: string[];
}

export const DEFAULT_OPTIONS: KeptThreadOptions = { heapLimitBytes: 768 * 1024 * 1024, filesPerThread: 400, firstSetupFiles: [] };

const POOL_NAME = 'kept-threads';

type Listener = (message: unknown) => void;
type StartRequest = Extract<WorkerRequest, { type: 'start' }>;
type SerializedConfig = StartRequest['context']['config'];

interface ParkedThread {
  readonly thread: Worker;
  readonly key: string;
  readonly filesServed: number;
  readonly forget: () => void;
}

const parked: ParkedThread[] = [];

/** How many threads wait for the next run (for tests). */
export function parkedThreadCount(): number {
  return parked.length;
}

/** Ends every parked thread (for tests). */
export async function endParkedThreads(): Promise<void> {
  const waiting = parked.splice(0);
  await Promise.all(
    waiting.map(({ thread, forget }) => {
      thread.off('exit', forget);
      return thread.terminate();
    }),
  );
}

function takeParked(key: string): ParkedThread | undefined {
  const index = parked.findIndex((entry) => entry.key === key);
  if (index === -1) return undefined;
  const [entry] = parked.splice(index, 1);
  entry.thread.off('exit', entry.forget);
  entry.thread.ref();
  return entry;
}

function park(thread: Worker, key: string, filesServed: number): void {
  const entry: ParkedThread = {
    thread,
    key,
    filesServed,
    forget: () => {
      const index = parked.indexOf(entry);
      if (index !== -1) parked.splice(index, 1);
    },
  };
  thread.once('exit', entry.forget);
  thread.unref();
  parked.push(entry);
}

class KeptThreadWorker implements PoolWorker {
  readonly name = POOL_NAME;
  /** Asks the worker to report its heap after each file, for `heapLimitBytes`. */
  readonly reportMemory = true;

  private thread: Worker | undefined;
  private ending: Promise<number> | undefined;
  private filesServed = 0;
  private reused = false;
  private retire = false;
  /** The latest "start" config, with the first setup files in front: sent with every run. */
  private config: SerializedConfig | undefined;
  private readonly listeners: Array<[string, Listener]> = [];
  private readonly key: string;

  constructor(
    private readonly options: PoolOptions,
    private readonly settings: KeptThreadOptions,
  ) {
    this.key = JSON.stringify([options.project.name, options.distPath, options.environment, options.execArgv, options.env]);
  }

  async start(): Promise<void> {
    const kept = takeParked(this.key);
    this.reused = kept !== undefined;
    this.filesServed = kept?.filesServed ?? 0;
    this.thread =
      kept?.thread ??
      new Worker(resolve(this.options.distPath, 'workers/threads.js'), {
        env: this.options.env,
        execArgv: this.options.execArgv,
        stdout: true,
        stderr: true,
      });
    this.thread.on('error', this.onTrouble);
    this.thread.on('exit', this.onTrouble);
    this.thread.on('message', this.onResponse);
    const logger = this.options.project.vitest.logger;
    this.thread.stdout.pipe(logger.outputStream);
    this.thread.stderr.pipe(logger.errorStream);
  }

  send(message: WorkerRequest): void {
    switch (message.type) {
      case 'start':
        this.config = this.withFirstSetupFiles(message.context.config);
        // The parked thread's runtime is set up already; a second setup would stack environments.
        if (this.reused) return this.reply({ __vitest_worker_response__: true, type: 'started' });
        break;
      case 'stop': {
        // The file is done. Hand the thread on now, with its runtime up, rather than when vitest
        // calls stop(): vitest starts the next file before this runner's stop() has run.
        const listeners = this.messageListeners();
        this.release(!this.retire && this.filesServed < this.settings.filesPerThread);
        return this.reply({ __vitest_worker_response__: true, type: 'stopped' }, listeners);
      }
      case 'run':
      case 'collect': {
        this.filesServed += message.context.files.length;
        // The worker runs each file with the "start" context overlaid by the "run" context, so a
        // config here replaces the one the thread was started with.
        const context = { ...message.context, config: this.config };
        message = { ...message, context };
        break;
      }
    }
    this.current().postMessage(message);
  }

  on(event: string, callback: Listener): void {
    this.listeners.push([event, callback]);
    this.thread?.on(event, callback);
  }

  off(event: string, callback: Listener): void {
    const index = this.listeners.findIndex(([e, c]) => e === event && c === callback);
    if (index !== -1) this.listeners.splice(index, 1);
    this.thread?.off(event, callback);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  /** Without a "stop" first (a run vitest cancelled or gave up on), the thread is ended, never kept. */
  async stop(): Promise<void> {
    if (this.thread) this.release(false);
    await this.ending;
  }

  /** Detaches the thread from this worker, then parks it or ends it. */
  private release(keep: boolean): void {
    const thread = this.current();
    this.thread = undefined;
    for (const [event, callback] of this.listeners.splice(0)) thread.off(event, callback);
    thread.off('error', this.onTrouble);
    thread.off('exit', this.onTrouble);
    thread.off('message', this.onResponse);
    const logger = this.options.project.vitest.logger;
    thread.stdout.unpipe(logger.outputStream);
    thread.stderr.unpipe(logger.errorStream);
    if (keep) park(thread, this.key, this.filesServed);
    else this.ending = thread.terminate();
  }

  private withFirstSetupFiles(config: SerializedConfig): SerializedConfig {
    return { ...config, setupFiles: [...this.settings.firstSetupFiles, ...config.setupFiles] };
  }

  private readonly onTrouble = (): void => {
    this.retire = true;
  };

  private readonly onResponse = (message: WorkerResponse | undefined): void => {
    if (message?.__vitest_worker_response__ !== true || message.type !== 'testfileFinished') return;
    if ((message.usedMemory ?? 0) > this.settings.heapLimitBytes) this.retire = true;
  };

  private messageListeners(): Listener[] {
    return this.listeners.filter(([event]) => event === 'message').map(([, callback]) => callback);
  }

  /** Answers on the worker's behalf, to the listeners vitest attached for the worker's messages. */
  private reply(response: WorkerResponse, listeners = this.messageListeners()): void {
    setImmediate(() => {
      for (const callback of listeners) callback(response);
    });
  }

  private current(): Worker {
    if (!this.thread) throw new Error('kept-threads: the worker thread is not started');
    return this.thread;
  }
}

export function keptThreads(settings: KeptThreadOptions = DEFAULT_OPTIONS): PoolRunnerInitializer {
  return { name: POOL_NAME, createPoolWorker: (options) => new KeptThreadWorker(options, settings) };
}

/**
 * Puts every project on {@link keptThreads}. A plugin rather than `test.pool`, because Stryker's vitest
 * runner passes `pool: 'threads'` on the command line, which wins over the config file; this runs once
 * the config is resolved.
 */
export function keepWorkerThreads(settings: Partial<KeptThreadOptions> = {}): Plugin {
  const pool = keptThreads({ ...DEFAULT_OPTIONS, ...settings });
  return {
    name: 'yj:kept-threads',
    configureVitest({ project }: { project: TestProject }) {
      project.config.pool = pool.name;
      project.config.poolRunner = pool;
    },
  };
}
