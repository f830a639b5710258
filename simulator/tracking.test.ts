/** §10 task tracking behaviours: first-catalog listing, old-task 500s, archive, transno, billing, failure kinds. */
import { afterEach, describe, expect, it } from 'vitest';
import { MODEL } from './ids.ts';
import { LOST_TRACK_ERROR, VENDOR_FAILURE_ERROR } from './tasks.ts';
import { Client, env, rawRequest, sleep, startTestSim } from './testkit.ts';
import type { Simulator, SimulatorOptions } from './types.ts';

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

const VIDU = '/llmage/vidu_inference.dspy';
const LIST = '/llmage/get_my_asynctasks.dspy';
const STATUS = '/llmage/get_asynctask_status.dspy';
const SLOW = { processingAfterMs: 60_000, succeedAfterMs: 120_000, billingDelayMs: 30 };

type Row = Record<string, unknown> & { taskid: string; transno: string; ioinfo: { input: Record<string, unknown> } };

async function setup(options: SimulatorOptions = {}): Promise<Client> {
  sim = await startTestSim({ taskTimings: SLOW, ...options });
  const c = new Client(sim.url);
  await c.login('13900000001');
  return c;
}

async function submit(c: Client, body: Record<string, unknown>): Promise<string> {
  const r = await c.post(VIDU, body);
  const taskid = (JSON.parse(r.text) as { taskid?: string }).taskid;
  if (!taskid) throw new Error(`no taskid in ${r.text}`);
  return taskid;
}

async function listed(c: Client, catalog: string): Promise<Row[]> {
  return (env(await c.get(LIST, { llmcatelogid: catalog })).data as { tasks: Row[] }).tasks;
}

async function status(c: Client, taskid: string): Promise<{ http: number; state?: Record<string, unknown> }> {
  const r = await c.get(STATUS, { taskid });
  if (r.status !== 200) return { http: r.status };
  return { http: 200, state: (env(r).data as { resposne: Record<string, unknown> }).resposne };
}

const TURBO_I2V = { llmid: MODEL.q3Turbo, llmcatelogid: 'i2v', prompt: '猫转头', image_file: 'https://img.example/cat.jpg', transno: 'ClientTransno000000001' };

describe('§10.1 a multi-catalog model lists its tasks under its FIRST catalog', () => {
  it('on by default: an i2v submission of Vidu Q3 Turbo (t2v first) is listed under t2v only', async () => {
    const c = await setup();
    const taskid = await submit(c, TURBO_I2V);
    const row = (await listed(c, 't2v')).find((r) => r.taskid === taskid);
    // labelled with the first catalog; the recorded input keeps what was sent
    expect([row?.['llmcatelogid'], row?.ioinfo.input['llmcatelogid']]).toEqual(['t2v', 'i2v']);
    expect((await listed(c, 'i2v')).map((r) => r.taskid)).not.toContain(taskid);
  });

  it('switch off: listed under the catalog it was submitted under', async () => {
    const c = await setup({ switches: { tasksUnderFirstCatalog: false } });
    const taskid = await submit(c, TURBO_I2V);
    expect((await listed(c, 'i2v')).map((r) => r.taskid)).toContain(taskid);
    expect((await listed(c, 't2v')).map((r) => r.taskid)).not.toContain(taskid);
  });
});

describe('transno', () => {
  it('the client transno is kept on the row and in ioinfo.input; a missing one is generated', async () => {
    const c = await setup();
    const mine = await submit(c, TURBO_I2V);
    const theirs = await submit(c, { llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: '江南' });
    const rows = await listed(c, 't2v');
    const row = rows.find((r) => r.taskid === mine);
    expect(row?.transno).toBe('ClientTransno000000001');
    expect(row?.ioinfo.input['transno']).toBe('ClientTransno000000001');
    expect(rows.find((r) => r.taskid === theirs)?.transno).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });
});

describe('§10.2 task status', () => {
  it('statusOldTasks500 (off by default): HTTP 500 for a task older than 10 minutes, a young one still answers', async () => {
    const c = await setup();
    const old = await submit(c, TURBO_I2V);
    const young = await submit(c, TURBO_I2V);
    sim.control.setTask({ taskid: old, ageMs: 11 * 60_000 });
    expect((await status(c, old)).http).toBe(200);
    sim.control.setSwitches({ statusOldTasks500: true });
    expect((await status(c, old)).http).toBe(500);
    expect((await status(c, young)).state).toMatchObject({ taskid: young, status: 'created' });
  });

  it('archived (daily job after success): §3.14 says FAILED … not exist, §3.13 no longer lists it', async () => {
    const c = await setup();
    const done = await submit(c, TURBO_I2V);
    const running = await submit(c, TURBO_I2V);
    sim.control.finishTask({ taskid: done, status: 'SUCCEEDED' });
    expect(sim.control.archiveTasks().archived).toBeGreaterThanOrEqual(1);
    expect((await status(c, done)).state).toEqual({ taskid: done, status: 'FAILED', error: `taskid=${done} not exist` });
    const ids = (await listed(c, 't2v')).map((r) => r.taskid);
    expect(ids).not.toContain(done);
    expect(ids).toContain(running);
  });

  it('setTask moves time: an age across midnight takes the task off "today"', async () => {
    const c = await setup();
    const taskid = await submit(c, TURBO_I2V);
    sim.control.setTask({ taskid, ageMs: 26 * 3600_000 });
    expect((await listed(c, 't2v')).map((r) => r.taskid)).not.toContain(taskid);
    expect((await status(c, taskid)).state).toMatchObject({ status: 'created' });
  });
});

describe('§10.3 statuses, failure kinds and billing', () => {
  it('a progress word, then a vendor failure (moderation) or a lost-track failure', async () => {
    const c = await setup();
    const a = await submit(c, TURBO_I2V);
    const b = await submit(c, TURBO_I2V);
    sim.control.setTask({ taskid: a, status: 'queueing' });
    expect((await status(c, a)).state).toEqual({ taskid: a, status: 'queueing' });
    sim.control.finishTask({ taskid: a, status: 'FAILED' });
    expect((await status(c, a)).state).toEqual({ taskid: a, status: 'FAILED', error: VENDOR_FAILURE_ERROR });
    sim.control.setTask({ taskid: b, status: 'FAILED', error: LOST_TRACK_ERROR });
    expect((await status(c, b)).state).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^None, .*Timeout/) });
  });

  it('accounting_status: created → accounted after success; failed when set', async () => {
    const c = await setup();
    const taskid = await submit(c, TURBO_I2V);
    const row = async () => (await listed(c, 't2v')).find((r) => r.taskid === taskid);
    expect((await row())?.['accounting_status']).toBe('created');
    sim.control.finishTask({ taskid, status: 'SUCCEEDED' });
    await sleep(80);
    expect(await row()).toMatchObject({ accounting_status: 'accounted', amount: expect.any(Number) });
    sim.control.setTask({ taskid, accountingStatus: 'failed' });
    expect((await row())?.['accounting_status']).toBe('failed');
  });

  it.each([
    ['moderation', { status: 'FAILED', error: VENDOR_FAILURE_ERROR }, 'created'],
    ['lostTrack', { status: 'FAILED', error: LOST_TRACK_ERROR }, 'created'],
    ['unknown', { status: 'UNKNOWN' }, 'created'],
    ['billingFailed', { status: 'SUCCEEDED' }, 'failed'],
  ] as const)('taskOutcome %s: tasks end that way on their own timer', async (outcome, last, billing) => {
    const c = await setup({ switches: { taskOutcome: outcome }, taskTimings: { processingAfterMs: 10, succeedAfterMs: 40, billingDelayMs: 10 } });
    const taskid = await submit(c, TURBO_I2V);
    await sleep(120);
    expect((await status(c, taskid)).state).toMatchObject({ taskid, ...last });
    expect((await listed(c, 't2v')).find((r) => r.taskid === taskid)?.['accounting_status']).toBe(billing);
  });

  it('setTask over HTTP validates its arguments', async () => {
    const c = await setup();
    const taskid = await submit(c, TURBO_I2V);
    const post = (args: unknown) => fetch(`${sim.url}/__sim/control`, { method: 'POST', body: JSON.stringify({ action: 'setTask', args }) });
    expect((await post({ taskid, accountingStatus: 'maybe' })).status).toBe(400);
    const okRes = await post({ taskid, status: 'UNKNOWN' });
    expect(((await okRes.json()) as { result: { status: string } }).result.status).toBe('UNKNOWN');
  });
});

describe('submission', () => {
  it('账户余额不够 refusal; models carry max_cost', async () => {
    const c = await setup();
    sim.control.setBalance({ phone: '13900000001', balance: 3 });
    expect(env(await c.post(VIDU, TURBO_I2V)).data?.message).toBe('账户余额不够');
    const models = env(await c.get('/llmage/get_type_llms.dspy', { type: '图生视频' })).data as unknown as { max_cost: number }[];
    expect(models.every((m) => typeof m.max_cost === 'number' && m.max_cost > 0)).toBe(true);
  });

  it('multipart: several `images` files for reference-to-video all reach ioinfo.input', async () => {
    const c = await setup();
    const form = new FormData();
    form.set('llmid', MODEL.q2R2v);
    form.set('llmcatelogid', 'r2v');
    form.set('prompt', '两人对话');
    for (const name of ['a.png', 'b.png']) form.append('images', new Blob([Buffer.from('89504e47', 'hex')], { type: 'image/png' }), name);
    const res = await fetch(`${sim.url}${VIDU}`, { method: 'POST', body: form, headers: { Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}` } });
    expect(await res.text()).toMatch(/"status": "created"/);
    const images = (await listed(c, 'r2v'))[0]?.ioinfo.input['images'];
    expect(images).toEqual([expect.stringMatching(/a\.png$/), expect.stringMatching(/b\.png$/)]);
  });

  it('no keep-alive bytes: in the lines form every chunk carries JSON text, never bare whitespace', async () => {
    sim = await startTestSim({ switches: { streamForm: 'lines' } });
    const c = new Client(sim.url);
    await c.login('13900000001');
    const body = JSON.stringify({ llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: 'x' });
    const r = await rawRequest(`${sim.url}${VIDU}`, 'POST', {
      'Content-Type': 'application/json', Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}`, 'Content-Length': String(Buffer.byteLength(body)),
    }, body);
    expect(r.chunks.length).toBeGreaterThan(1);
    for (const chunk of r.chunks) expect(chunk.toString('utf8').trim()).not.toBe('');
  });
});
