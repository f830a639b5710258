/** An injected clock: tasks, "today", the §3.14 age check and sessions follow it, not the wall. */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimClock } from './clock.ts';
import { MODEL } from './ids.ts';
import { Client, env, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';
import { serverDate } from './util.ts';

/** Time moves only when the test says; due timers fire in order. */
class ManualClock implements SimClock {
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
  pending(): number {
    return this.timers.length;
  }
}

const VIDU = '/llmage/vidu_inference.dspy';
const STATUS = '/llmage/get_asynctask_status.dspy';
const LIST = '/llmage/get_my_asynctasks.dspy';
/** 2026-09-01 10:00 in China: a day no test machine's wall clock is on (the models are listed from 2026-05-20). */
const START = Date.UTC(2026, 8, 1, 2, 0, 0);

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function signedIn(clock: ManualClock, options: { jitter?: number; random?: () => number } = {}): Promise<Client> {
  sim = await startTestSim({
    clock,
    ...(options.random ? { random: options.random } : {}),
    taskTimings: { processingAfterMs: 60_000, succeedAfterMs: 300_000, billingDelayMs: 5_000, jitter: options.jitter ?? 0 },
    switches: { streamForm: 'single' },
  });
  const c = new Client(sim.url);
  await c.login('13900000001');
  return c;
}

async function submit(c: Client): Promise<string> {
  const r = await c.post(VIDU, { llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: '海边日落', transno: 'ClockTransno000000001' });
  const taskid = (JSON.parse(r.text) as { taskid?: string }).taskid;
  if (!taskid) throw new Error(`no taskid in ${r.text}`);
  return taskid;
}

const statusOf = async (c: Client, taskid: string) => ((env(await c.get(STATUS, { taskid })).data as { resposne: { status: string } }).resposne).status;

/** Simulated time in steps of 40 s with a request after each, as a poller would: the session stays alive (ttl 120 s). */
async function pass(clock: ManualClock, c: Client, taskid: string, ms: number): Promise<string> {
  let status = '';
  for (let left = ms; left > 0; left -= 40_000) {
    clock.advance(Math.min(40_000, left));
    status = await statusOf(c, taskid);
  }
  return status;
}

describe('simulator clock', () => {
  it('moves a task on the injected clock only, and dates it by that clock', async () => {
    const clock = new ManualClock(START);
    const c = await signedIn(clock);
    const taskid = await submit(c);
    await new Promise((resolve) => setTimeout(resolve, 150)); // wall time passes: nothing happens
    expect(await statusOf(c, taskid)).toBe('created');
    clock.advance(59_999);
    expect(await statusOf(c, taskid)).toBe('created');
    clock.advance(1);
    expect(await statusOf(c, taskid)).toBe('processing');
    expect(await pass(clock, c, taskid, 239_999)).toBe('processing');
    clock.advance(1);
    expect(await statusOf(c, taskid)).toBe('SUCCEEDED');
    const rows = (env(await c.get(LIST, { llmcatelogid: 't2v' })).data as { tasks: { taskid: string; use_date: string; finish_seconds: number }[] }).tasks;
    const row = rows.find((r) => r.taskid === taskid);
    expect(row?.use_date).toBe(serverDate(START));
    expect(row?.finish_seconds).toBe(300);
  });

  it('times sessions by the injected clock: refreshed while in use, expired after its ttl of simulated silence', async () => {
    const clock = new ManualClock(START);
    const c = await signedIn(clock);
    const taskid = await submit(c);
    clock.advance(59_000);
    const refreshed = await c.get(STATUS, { taskid });
    expect([refreshed.status, refreshed.setCookie !== null]).toEqual([200, true]); // older than 30 s: a new ticket
    clock.advance(119_000);
    expect((await c.get(STATUS, { taskid })).status).toBe(200); // the new ticket is 119 s old
    clock.advance(120_000);
    expect((await c.get(STATUS, { taskid })).status).toBe(401);
  });

  it('spreads task times by the jitter, drawn from the given random source', async () => {
    const clock = new ManualClock(START);
    const c = await signedIn(clock, { jitter: 0.5, random: () => 0 }); // factor 0.5: processing at 30 s, the end at 150 s
    const taskid = await submit(c);
    clock.advance(29_999);
    expect(await statusOf(c, taskid)).toBe('created');
    clock.advance(1);
    expect(await statusOf(c, taskid)).toBe('processing');
    expect(await pass(clock, c, taskid, 119_999)).toBe('processing');
    clock.advance(1);
    expect(await statusOf(c, taskid)).toBe('SUCCEEDED');
    expect(clock.pending()).toBe(1); // only the billing timer left
  });
});
