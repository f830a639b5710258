import { afterEach, describe, expect, it } from 'vitest';
import { MODEL } from './ids.ts';
import { Client, env, rawRequest, sleep, startTestSim, type RawResponse } from './testkit.ts';
import type { Simulator, SimulatorOptions } from './types.ts';

let sim: Simulator;
afterEach(async () => {
  await sim.close();
});

const VIDU = '/llmage/vidu_inference.dspy';
const T2V = { llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: '清晨的江南古镇，薄雾中一只白鹭掠过水面', duration: 5, resolution: '1080p', audio: true, off_peak: false };

async function setup(options: SimulatorOptions = {}, phone = '13900000001'): Promise<Client> {
  sim = await startTestSim(options);
  const c = new Client(sim.url);
  await c.login(phone);
  return c;
}

function submit(c: Client, body: unknown = T2V): Promise<RawResponse> {
  const text = JSON.stringify(body);
  return rawRequest(`${sim.url}${VIDU}`, 'POST', {
    'Content-Type': 'application/json', Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}`, 'Content-Length': String(Buffer.byteLength(text)),
  }, text);
}

const bodyText = (r: RawResponse): string => Buffer.concat(r.chunks).toString('utf8');

describe('video stream forms (§4.2)', () => {
  it('single (B): one object with taskid + status, no newline, then the end; chunked text/html', async () => {
    const c = await setup();
    const r = await submit(c);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.aborted).toBe(false);
    const text = bodyText(r);
    expect(text).toMatch(/^\{"taskid": "\d{18}", "status": "created"\}$/);
    expect(text.endsWith('\n')).toBe(false);
  });

  it('lines (A): one JSON line per status change until SUCCEEDED, then billing debits the balance', async () => {
    const c = await setup({ switches: { streamForm: 'lines' } });
    const r = await submit(c);
    const text = bodyText(r);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['status'])).toEqual(['created', 'processing', 'SUCCEEDED']);
    const last = lines[2] ?? {};
    const taskid = String(lines[0]?.['taskid']);
    expect(last).toMatchObject({ taskid, video: `${sim.url}/media/${taskid}.mp4`, usage: { duration: 5, SR: 1080 }, type: 'video' });
    expect(r.chunks.length).toBeGreaterThanOrEqual(3);
    await sleep(150);
    expect(sim.control.getBalance({ phone: '13900000001' }).balance).toBe(122);
    const order = (env(await c.get('/platformbiz/query_orders.dspy', { rows: '1' })).data as { rows: Record<string, unknown>[] }).rows[0];
    expect(order).toMatchObject({ status: 'SUCCEEDED', amount: 4.5, accounting_status: 'accounted' });
  });

  it('glued (C): objects back to back without a separator', async () => {
    const c = await setup({ switches: { streamForm: 'glued' } });
    const text = bodyText(await submit(c));
    expect(text).toMatch(/^\{"taskid": "(\d{18})", "status": "created"\}\{"taskid": "\1", "status": "[a-zA-Z]+"\}$/);
  });

  it('task progresses on timers: created → processing → SUCCEEDED; billed after the delay', async () => {
    const c = await setup({ taskTimings: { processingAfterMs: 300, succeedAfterMs: 900, billingDelayMs: 400 } });
    const t0 = Date.now();
    const taskid = String((JSON.parse(bodyText(await submit(c))) as { taskid: string }).taskid);
    const status = async () => (env(await c.get('/llmage/get_asynctask_status.dspy', { taskid })).data as { resposne: Record<string, unknown> }).resposne;
    const at = (ms: number) => sleep(Math.max(0, t0 + ms - Date.now()));
    expect((await status())['status']).toBe('created');
    await at(550);
    expect((await status())['status']).toBe('processing');
    await at(1050);
    expect(await status()).toMatchObject({ status: 'SUCCEEDED', usage: { duration: 5, SR: 1080 } });
    const row = () => sim.control.tasks().find((t) => t.taskid === taskid);
    expect(row()?.accountingStatus).toBe('created');
    expect(row()?.amount).toBeNull();
    await at(1550);
    expect(row()).toMatchObject({ accountingStatus: 'accounted', amount: 4.5 });
    const list = (env(await c.get('/llmage/get_my_asynctasks.dspy', { llmcatelogid: 't2v' })).data as { tasks: Record<string, unknown>[] }).tasks;
    const mine = list.find((t) => t['taskid'] === taskid) as { ioinfo: { input: Record<string, unknown>; output: unknown[] } };
    expect(mine.ioinfo.input).toMatchObject({ prompt: T2V.prompt, model: 'viduq3-pro', transno: expect.any(String) });
    expect(mine.ioinfo.output).toHaveLength(3);
  });

  it('finishTask ends a task now (FAILED is not billed; lines stream ends with it)', async () => {
    const c = await setup({ taskTimings: { processingAfterMs: 5000, succeedAfterMs: 10000, billingDelayMs: 10 }, switches: { streamForm: 'lines' } });
    const pending = submit(c);
    await sleep(100);
    const [task] = sim.control.tasks();
    expect(task?.status).toBe('created');
    sim.control.finishTask({ taskid: task?.taskid ?? '', status: 'FAILED' });
    const lines = bodyText(await pending).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^ERROR:/) });
    await sleep(50);
    expect(sim.control.getBalance({ phone: '13900000001' }).balance).toBe(126.5);
    expect(() => sim.control.finishTask({ taskid: task?.taskid ?? '', status: 'SUCCEEDED' })).toThrow();
  });
});

describe('stream failures (§4.2 D/E) and non-stream answers (F)', () => {
  it('vendorError: FAILED line + error-only line, a multi-byte character split across chunks', async () => {
    const c = await setup({ switches: { streamFailure: 'vendorError' } });
    const r = await submit(c);
    expect(r.aborted).toBe(false);
    const lines = bodyText(r).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ error: 'ERROR:vendor request failed: HTTP 400 invalid duration (Authorization: Bearer XXXXXXXX)', status: 'FAILED' });
    expect(Object.keys(lines[1] ?? {})).toEqual(['error']);
    expect(String(lines[1]?.['error'])).toMatch(/[\u4e00-\u9fff]/);
    // at least one chunk boundary falls inside a UTF-8 sequence: decoding chunk by chunk breaks
    expect(r.chunks.some((ch) => ch.toString('utf8').includes('\ufffd'))).toBe(true);
    expect(bodyText(r)).not.toContain('\ufffd');
  });

  it('vendorErrorThenReset: FAILED line then a cut connection', async () => {
    const c = await setup({ switches: { streamFailure: 'vendorErrorThenReset' } });
    const r = await submit(c);
    expect(r.aborted).toBe(true);
    expect(JSON.parse(bodyText(r).trim())).toMatchObject({ status: 'FAILED' });
  });

  it('resetAfterTaskid: the taskid line, then a cut connection; the task lives on and finishes', async () => {
    const c = await setup({ taskTimings: { processingAfterMs: 100, succeedAfterMs: 300, billingDelayMs: 10 }, switches: { streamFailure: 'resetAfterTaskid' } });
    const r = await submit(c);
    expect(r.aborted).toBe(true);
    const text = bodyText(r);
    expect(text).toMatch(/^\{"taskid": "\d{18}", "status": "created"\}\n$/);
    const taskid = String((JSON.parse(text) as { taskid: string }).taskid);
    expect(sim.control.tasks().map((t) => t.taskid)).toEqual([taskid]);
    await sleep(450);
    expect(sim.control.tasks()[0]).toMatchObject({ taskid, status: 'SUCCEEDED' });
  });

  it('modelNotFound (switch, wrong catalog, or retired model): FAILED with llmusageid', async () => {
    const c = await setup({ switches: { streamFailure: 'modelNotFound' } });
    const a = JSON.parse(bodyText(await submit(c)).trim()) as Record<string, unknown>;
    expect(a).toMatchObject({ status: 'FAILED', error: `llmid:${MODEL.q3Pro}没找到模型`, llmusageid: expect.stringMatching(/^[A-Za-z0-9_-]{21}$/) });
    sim.control.resetSwitches();
    expect(bodyText(await submit(c, { ...T2V, llmcatelogid: 'i2v' }))).toContain('没找到模型');
    expect(bodyText(await submit(c, { ...T2V, llmid: MODEL.q1Retired }))).toContain('没找到模型');
    expect(sim.control.tasks()).toHaveLength(0);
  });

  it('vendor-side validation: bad duration, i2v without image_file', async () => {
    const c = await setup();
    expect(bodyText(await submit(c, { ...T2V, duration: 30 }))).toContain('invalid duration');
    expect(bodyText(await submit(c, { llmid: MODEL.q3I2v, llmcatelogid: 'i2v', prompt: 'x' }))).toContain('image_file is required');
    const ok = bodyText(await submit(c, { llmid: MODEL.q3I2v, llmcatelogid: 'i2v', prompt: '让猫转头', image_file: 'data:image/png;base64,iVBORw0KGgo=' }));
    expect(ok).toMatch(/"status": "created"/);
  });

  it('multipart i2v: the file part becomes a platform URL in ioinfo.input', async () => {
    const c = await setup();
    const form = new FormData();
    form.set('llmid', MODEL.q3I2v);
    form.set('llmcatelogid', 'i2v');
    form.set('prompt', '花朵摇曳');
    form.set('duration', '4');
    form.set('image_file', new Blob([Buffer.from('89504e470d0a1a0a', 'hex')], { type: 'image/png' }), 'cat.png');
    const res = await fetch(`${sim.url}${VIDU}`, { method: 'POST', body: form, headers: { Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}` } });
    expect(await res.text()).toMatch(/"status": "created"/);
    const tasks = (env(await c.get('/llmage/get_my_asynctasks.dspy', { llmcatelogid: 'i2v' })).data as { tasks: { ioinfo: { input: Record<string, unknown> } }[] }).tasks;
    expect(String(tasks[0]?.ioinfo.input['image_file'])).toMatch(/\/idfile\.dspy\?path=.*cat\.png$/);
    expect(tasks[0]?.ioinfo.input['duration']).toBe('4');
  });

  it('classifies before streaming: 账户余额不够 (low balance / no llmid), 500 for unknown llmid, 401', async () => {
    const c = await setup({}, '13900000002');
    sim.control.setBalance({ phone: '13900000002', balance: 10 });
    const low = await c.post(VIDU, T2V);
    expect(low.headers.get('content-type')).toBe('application/json; utf-8');
    expect(low.json).toEqual({ status: 'error', data: { message: '账户余额不够' } });
    sim.control.setBalance({ phone: '13900000002', balance: 10.01 });
    expect((await c.post(VIDU, T2V)).headers.get('content-type')).toBe('text/html');
    expect(env(await c.post(VIDU, { prompt: 'x' })).data?.message).toBe('账户余额不够');
    const unknown = await c.post(VIDU, { ...T2V, llmid: 'NoSuchModel0000000000' });
    expect(unknown.status).toBe(500);
    const anon = await new Client(sim.url).post(VIDU, T2V);
    expect([anon.status, anon.text]).toEqual([401, '401: Unauthorized']);
  });

  it("the platform org's admin skips the balance check (models it owns)", async () => {
    const c = await setup({}, '13900000009');
    sim.control.setBalance({ phone: '13900000009', balance: 0 });
    expect(bodyText(await submit(c))).toMatch(/"status": "created"/);
  });

  it('a stream never refreshes the cookie, even when the ticket is old', async () => {
    const c = await setup({ session: { ttlMs: 5000, refreshAfterMs: 30 } });
    await sleep(60);
    const r = await submit(c);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect((await c.get('/accounting/mybalance.dspy')).setCookie).not.toBeNull();
  });
});
