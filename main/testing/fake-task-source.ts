/**
 * A fake platform for the poller: tasks whose state the test (or a simulated bench) changes,
 * which ones today's lists show, and a record of every request (3 per list round). Replies can
 * be delayed on the fake clock to test that one request at a time is in flight.
 */
import type { Clock } from '../core/ports';
import type { TaskSource } from '../services/tasks/poller';
import type { RemoteTask } from '../services/tasks/types';

export class FakeTaskSource implements TaskSource {
  readonly tasks = new Map<string, RemoteTask>();
  /** Task ids the §3.13 lists leave out (submitted before the server's date changed). */
  readonly unlisted = new Set<string>();
  /** Epoch ms of every platform request. */
  readonly requests: number[] = [];
  readonly statusCalls: string[] = [];
  listRounds = 0;
  failedCatalogs: string[] = [];
  listError: Error | null = null;
  statusError: Error | null = null;
  /** Fake-clock delay of each reply. */
  latencyMs = 0;
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly clock: Clock) {}

  put(task: Partial<RemoteTask> & { taskid: string }): RemoteTask {
    const full: RemoteTask = { status: 'processing', resultUrls: [], ...this.tasks.get(task.taskid), ...task };
    this.tasks.set(task.taskid, full);
    return full;
  }

  async listToday(): Promise<{ rows: RemoteTask[]; failedCatalogs: string[] }> {
    this.listRounds += 1;
    for (let i = 0; i < 3; i += 1) this.requests.push(this.clock.now());
    return this.reply(() => {
      if (this.listError) throw this.listError;
      const rows = [...this.tasks.values()].filter((t) => !this.unlisted.has(t.taskid)).map((t) => ({ ...t }));
      return { rows, failedCatalogs: [...this.failedCatalogs] };
    });
  }

  async status(taskid: string): Promise<RemoteTask> {
    this.statusCalls.push(taskid);
    this.requests.push(this.clock.now());
    return this.reply(() => {
      if (this.statusError) throw this.statusError;
      const task = this.tasks.get(taskid);
      return task ? { ...task } : { taskid, status: 'FAILED', error: `taskid=${taskid} not exist`, resultUrls: [] };
    });
  }

  /** The largest number of requests in any window of `windowMs`. */
  peakPerWindow(windowMs = 60_000): number {
    let peak = 0;
    for (let i = 0, j = 0; j < this.requests.length; j += 1) {
      while (this.requests[j] - this.requests[i] >= windowMs) i += 1;
      peak = Math.max(peak, j - i + 1);
    }
    return peak;
  }

  private async reply<T>(answer: () => T): Promise<T> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, this.latencyMs));
      return answer();
    } finally {
      this.inFlight -= 1;
    }
  }
}
