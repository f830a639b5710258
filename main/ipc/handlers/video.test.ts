/** The studio routes through the modules core builds, against the simulator on loopback. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MODEL } from '../../../simulator/index';
import type { User } from '../../../preload/contract';
import { VIDEO_PATH } from '../../platform/video';
import { MODELS_PATH } from '../../platform/models';
import { JOURNAL_FILE } from '../../services/tasks/journal';
import { signIn, type TestHttp } from '../../testing/simple-http';
import { DEMO_PHONE, useSignedInSimulator } from '../../testing/signed-in-sim';
import { createVideoHarness, type VideoHarness } from '../../testing/video-harness';
import { videoSchemas } from './video';

const signed = useSignedInSimulator({ taskTimings: { processingAfterMs: 100, succeedAfterMs: 600, billingDelayMs: 200 } });
let user: User;
const harnesses: VideoHarness[] = [];

beforeAll(async () => {
  user = await signIn(signed.http());
});
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

async function harness(options: Partial<Parameters<typeof createVideoHarness>[0]> = {}): Promise<VideoHarness> {
  const h = await createVideoHarness({ http: signed.http() as TestHttp, user, serverUrl: signed.sim().url, ...options });
  harnesses.push(h);
  return h;
}

const requestsTo = (path: string) => signed.sim().control.requests().filter((r) => r.path === path);
let formCounter = 0;
const formId = () => `form-${Date.now()}-${(formCounter += 1)}`;
const t2v = (values: Record<string, unknown> = {}) => ({
  modelId: MODEL.q3Pro,
  catalog: 't2v' as const,
  values: { prompt: '清晨的江南古镇，一只白鹭掠过水面', duration: 5, resolution: '1080p', ...values },
  formId: formId(),
});

describe('video.models', () => {
  it('answers from the cache: one request per catalog, and a restart shows the stored list at once', async () => {
    const first = await harness();
    const models = await first.handlers['video.models']({ catalog: 't2v' });
    expect(models.map((m) => m.id)).toContain(MODEL.q3Pro);
    expect(models.map((m) => m.id)).not.toContain(MODEL.q1Retired);
    await first.handlers['video.models']({ catalog: 't2v' });
    expect(requestsTo(MODELS_PATH)).toHaveLength(1);

    const restarted = await harness({ store: first.store });
    expect(await restarted.handlers['video.models']({ catalog: 't2v' })).toEqual(models);
    expect(requestsTo(MODELS_PATH)).toHaveLength(1);
    await restarted.handlers['video.models']({ catalog: 't2v', refresh: true });
    expect(requestsTo(MODELS_PATH)).toHaveLength(2);
  });

  it('forgets the cached lists when another account signs in', async () => {
    const h = await harness();
    await h.handlers['video.models']({ catalog: 't2v' });
    h.session.set({ ...user, id: 'another-user' });
    await h.handlers['video.models']({ catalog: 't2v' });
    expect(requestsTo(MODELS_PATH)).toHaveLength(2);
  });
});

describe('video.submit', () => {
  it('writes the ledger entry (with its transno) before the request leaves, answers once the taskid is stored, ends SUCCEEDED from the stream', async () => {
    signed.sim().control.setSwitches({ streamForm: 'lines' });
    // What the ledger file held at the moment the request was opened.
    const dataDir = mkdtempSync(join(tmpdir(), 'yj-video-spy-'));
    const http = signed.http();
    let journalAtSend = '';
    const spied = { ...http, openStream: (...args: Parameters<typeof http.openStream>) => {
      journalAtSend = readFileSync(join(dataDir, 'data', 'tasks', JOURNAL_FILE), 'utf8');
      return http.openStream(...args);
    } };
    const spyHarness = await harness({ http: spied as TestHttp, dataDir });
    const view = await spyHarness.handlers['video.submit'](t2v());
    const [sent] = requestsTo(VIDEO_PATH);
    expect(sent?.body?.transno).toBe(view.transno);
    expect(journalAtSend).toContain(view.transno);
    expect(journalAtSend).not.toContain(view.taskid);
    expect(view.taskid).toMatch(/\S/);
    // The stream (a line per status) stays open until the video is ready; the studio does not wait for it.
    expect(view.terminal).toBe(false);
    const done = await spyHarness.waitFor('task.changed', (t) => t.localId === view.localId && t.status === 'SUCCEEDED');
    expect(done.terminal).toBe(true);
    expect(done.resultUrls[0]).toContain(view.taskid);
    expect(sent?.body).toMatchObject({ llmid: MODEL.q3Pro, llmcatelogid: 't2v', duration: 5 });
    expect(requestsTo(VIDEO_PATH)).toHaveLength(1);
    const own = spyHarness.payloads('task.changed').filter((t) => t.localId === view.localId);
    expect(own[0]?.status).toBe('pending');
    expect(own.at(-1)?.status).toBe('SUCCEEDED');
  });

  it('follows the task with the poller when the stream ends after the taskid (the current form)', async () => {
    const h = await harness();
    const view = await h.handlers['video.submit'](t2v());
    expect(view.terminal).toBe(false);
    expect(view.taskid).toBeTruthy();
    const done = await h.waitFor('task.changed', (t) => t.localId === view.localId && t.status === 'SUCCEEDED');
    expect(done.resultUrls).toHaveLength(1);
    expect(requestsTo(VIDEO_PATH)).toHaveLength(1);
  });

  it('finds the task by its transno when the answer is cut before the taskid, and never sends it again', async () => {
    signed.sim().control.setFault({ kind: 'resetMidBody', path: VIDEO_PATH, times: 1 });
    const h = await harness();
    const view = await h.handlers['video.submit'](t2v());
    expect(view.status).toBe('pending');
    expect(view.taskid).toBeUndefined();
    const done = await h.waitFor('task.changed', (t) => t.localId === view.localId && t.status === 'SUCCEEDED');
    expect(done.taskid).toBeTruthy();
    expect(requestsTo(VIDEO_PATH)).toHaveLength(1);
  });

  it('sends one platform request per formId, however often it is submitted', async () => {
    const h = await harness();
    const input = t2v();
    const [a, b] = await Promise.all([h.handlers['video.submit'](input), h.handlers['video.submit'](input)]);
    const c = await h.handlers['video.submit'](input);
    expect(new Set([a.localId, b.localId, c.localId]).size).toBe(1);
    expect(requestsTo(VIDEO_PATH)).toHaveLength(1);
  });

  it('turns 账户余额不够 into insufficient_balance, marks the entry refused, and lets the same form be sent later', async () => {
    signed.sim().control.setBalance({ phone: DEMO_PHONE, balance: 5 });
    const h = await harness();
    const input = t2v();
    await expect(h.handlers['video.submit'](input)).rejects.toMatchObject({ code: 'insufficient_balance', message: '账户余额不够，请先充值 / Insufficient balance; please recharge first' });
    const [entry] = await h.handlers['tasks.list']({});
    expect(entry).toMatchObject({ status: 'FAILED', failureKind: 'refused', terminal: true });
    expect(h.payloads('app.notice')).toEqual([]);
    signed.sim().control.setBalance({ phone: DEMO_PHONE, balance: 100 });
    const sent = await h.handlers['video.submit'](input);
    expect(sent.taskid).toBeTruthy();
    expect(requestsTo(VIDEO_PATH)).toHaveLength(2);
  });

  it('refuses while signed out, sending nothing', async () => {
    const h = await harness();
    h.session.set(null);
    await expect(h.handlers['video.submit'](t2v())).rejects.toMatchObject({ code: 'unauthorized' });
    expect(requestsTo(VIDEO_PATH)).toHaveLength(0);
  });

  it.each([
    [{ duration: 99 }, /时长.*不能大于 15.*at most 15/],
    [{ resolution: '4k' }, /分辨率.*不是可选的值/],
    [{ prompt: '' }, /请填写「提示词」/],
    [{ llmid: 'x' }, /「llmid」由应用自动填写/],
    [{ prompt: '字'.repeat(2001) }, /最多 2000 个字符|最多 1500 个字符/],
  ])('refuses %o with a message naming the field, before any ledger entry or request', async (values, message) => {
    const h = await harness();
    const failure = h.handlers['video.submit'](t2v(values));
    await expect(failure).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(failure).rejects.toThrow(message);
    expect(await h.handlers['tasks.list']({})).toEqual([]);
    expect(requestsTo(VIDEO_PATH)).toHaveLength(0);
  });

  it('refuses an image path outside the app data folder', async () => {
    const h = await harness();
    const input = { modelId: MODEL.q3I2v, catalog: 'i2v' as const, values: { prompt: 'p', image_file: '/etc/passwd' }, formId: formId() };
    await expect(h.handlers['video.submit'](input)).rejects.toThrow(/只能使用通过“选择图片”添加的图片/);
    expect(requestsTo(VIDEO_PATH)).toHaveLength(0);
  });

  it('remembers the last form per model after a submission', async () => {
    const h = await harness();
    expect(await h.handlers['video.lastForm']({ modelId: MODEL.q3Pro })).toBeNull();
    await h.handlers['video.submit'](t2v({ duration: 8 }));
    expect(await h.handlers['video.lastForm']({ modelId: MODEL.q3Pro })).toMatchObject({ duration: 8 });
  });

  it('keeps the envelope schema strict (catalog, formId length)', () => {
    expect(videoSchemas['video.submit'].safeParse({ ...t2v(), catalog: 'x2v' }).success).toBe(false);
    expect(videoSchemas['video.submit'].safeParse({ ...t2v(), formId: 'a' }).success).toBe(false);
  });
});

describe('video.submitBatch', () => {
  it('sends one task per line, one at a time, and stops at the first refusal', async () => {
    const http = signed.http();
    let opened = 0;
    // The second line finds the balance gone (another member of the organisation spent it).
    const draining = { ...http, openStream: (...args: Parameters<typeof http.openStream>) => {
      opened += 1;
      if (opened === 2) signed.sim().control.setBalance({ phone: DEMO_PHONE, balance: 1 });
      return http.openStream(...args);
    } };
    const h = await harness({ http: draining as TestHttp });
    const result = await h.handlers['video.submitBatch']({ ...t2v(), prompts: ['第一条', '第二条', '第三条'] });
    expect(result.submitted.map((t) => t.prompt)).toEqual(['第一条']);
    expect(result.notSent).toEqual([1, 2]);
    expect(result.refusal?.code).toBe('insufficient_balance');
    expect(requestsTo(VIDEO_PATH)).toHaveLength(2);
  });

  it('checks every line before sending any', async () => {
    const h = await harness();
    await expect(h.handlers['video.submitBatch']({ ...t2v(), prompts: ['好', ''] })).rejects.toThrow(/第 2 行/);
    expect(requestsTo(VIDEO_PATH)).toHaveLength(0);
  });
});

describe('quote and balance check', () => {
  it('prices the form (§3.8) and weighs the balance against max(min_balance, max_cost, quote) plus running tasks', async () => {
    const h = await harness();
    const quote = await h.handlers['video.quote']({ modelId: MODEL.q3Pro, values: { duration: 5, resolution: '1080p' } });
    expect(quote.price).toBeGreaterThan(0);
    expect(quote.price).toBeLessThanOrEqual(quote.listPrice);
    const one = await h.handlers['video.balanceCheck']({ modelId: MODEL.q3Pro, quotedPrice: quote.price });
    // Earlier tests' successes may still be billed meanwhile: the figures are checked against the balance read.
    expect(one).toMatchObject({ needed: 16, each: 16, reserveReason: 'max_cost', count: 1, heldByRunning: 0, missing: 0 });
    expect(one.balance).toBeGreaterThan(100);
    const ten = await h.handlers['video.balanceCheck']({ modelId: MODEL.q3Pro, quotedPrice: quote.price, count: 10 });
    expect(ten.needed).toBe(160);
    expect(ten.missing).toBeCloseTo(160 - ten.balance, 2);
  });
});

describe('tasks routes', () => {
  it('lists newest first, hides on request, opens the result URL the platform gave', async () => {
    signed.sim().control.setSwitches({ streamForm: 'lines' });
    const h = await harness();
    const older = await h.handlers['video.submit'](t2v({ prompt: '旧的' }));
    const newer = await h.handlers['video.submit'](t2v({ prompt: '新的' }));
    const local = (list: { origin: string; localId: string }[]) => list.filter((t) => t.origin === 'local').map((t) => t.localId);
    expect(local(await h.handlers['tasks.list']({}))).toEqual([newer.localId, older.localId]);
    await h.handlers['tasks.hide']({ localId: older.localId });
    expect(local(await h.handlers['tasks.list']({}))).toEqual([newer.localId]);
    expect(local(await h.handlers['tasks.list']({ includeHidden: true }))).toHaveLength(2);
    // The submission answers with the taskid; the result comes when the stream says SUCCEEDED.
    const done = await h.waitFor('task.changed', (t) => t.localId === newer.localId && t.status === 'SUCCEEDED');
    await h.handlers['tasks.openResult']({ localId: newer.localId });
    expect(h.opened).toEqual([done.resultUrls[0]]);
    await expect(h.handlers['tasks.openResult']({ localId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('announces a success once (app.notice and the system notice), and counts running tasks on the badge', async () => {
    const h = await harness();
    const view = await h.handlers['video.submit'](t2v());
    await h.waitFor('task.changed', (t) => t.localId === view.localId && t.billing === 'accounted');
    const notices = h.payloads('app.notice').filter((n) => n.localId === view.localId);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe('task.succeeded');
    expect(h.notified.filter((n) => n.title.includes('Video ready'))).toHaveLength(1);
    expect(h.badge.counts).toContain(1);
    expect(h.badge.counts.at(-1)).toBe(0);
  });
});

describe('video.pickImages and an image-to-video submission', () => {
  function png(width: number, height: number): Buffer {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ihdr, Buffer.alloc(64, 1)]);
  }

  it('copies the good image into the data folder, refuses the small one, and sends the copy as multipart image_file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yj-picks-'));
    writeFileSync(join(dir, 'cat.png'), png(800, 600));
    writeFileSync(join(dir, 'icon.png'), png(32, 32));
    const h = await harness();
    h.picker.answers.push([join(dir, 'cat.png'), join(dir, 'icon.png')]);
    const { picked, refused } = await h.handlers['video.pickImages']({ multiple: true });
    expect(refused).toEqual([expect.objectContaining({ name: 'icon.png', problem: 'too_small' })]);
    expect(picked[0]!.path.startsWith(join(h.dataDir, 'data', 'inputs'))).toBe(true);

    const view = await h.handlers['video.submit']({ modelId: MODEL.q3I2v, catalog: 'i2v', values: { prompt: '猫转头', image_file: picked[0]!.path }, formId: formId() });
    expect(view.taskid).toBeTruthy();
    expect(view.inputImages).toEqual([picked[0]!.path]);
    const [sent] = requestsTo(VIDEO_PATH);
    expect(sent?.bodyKind).toBe('multipart');
    expect(sent?.body).toMatchObject({ llmid: MODEL.q3I2v, llmcatelogid: 'i2v', transno: view.transno });
  });
});
