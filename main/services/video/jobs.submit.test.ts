/**
 * VideoJobs.submit against the simulator: what the ledger holds before and after the one
 * request, when the user gets the answer, and what each way a submission ends leaves behind.
 */
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../../simulator/index';
import { AppError } from '../../lib/errors';
import type { PlatformHttpClient } from '../../platform/http';
import { VIDEO_PATH } from '../../platform/video';
import { useJobsSimulator } from '../../testing/video-jobs-rig';
import { DEMO_PHONE } from '../../testing/signed-in-sim';

const env = useJobsSimulator();
const control = () => env.sim().control;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** The real client, with the stream cut by `cut` once `afterChunks` chunks have arrived. */
function cuttingHttp(cut: () => unknown, afterChunks: number): PlatformHttpClient {
  const http = env.http();
  return {
    ...http,
    async openStream(...args: Parameters<PlatformHttpClient['openStream']>) {
      if (afterChunks === 0) throw cut();
      const chunks = await http.openStream(...args);
      return (async function* () {
        let n = 0;
        for await (const chunk of chunks) {
          yield chunk;
          n += 1;
          if (n >= afterChunks) throw cut();
        }
      })();
    },
  };
}

describe('VideoJobs.submit', () => {
  it('writes the entry with everything it will send before the request, then answers with the taskid stored', async () => {
    const r = await env.rig();
    const input = { ...env.t2v({ duration: 8 }), quotedPrice: 4.5 };
    const view = await r.jobs.submit(input);
    const [sent] = env.sent();
    const first = r.history(view.localId)[0];
    expect(first).toMatchObject({
      status: 'pending', transno: sent?.body?.transno, modelId: MODEL.q3Pro, llmid: MODEL.q3Pro, modelName: 'Vidu Q3 文生视频', catalog: 't2v',
      prompt: input.values.prompt, params: { prompt: input.values.prompt, duration: 8, resolution: '1080p' }, inputImages: [], quotedPrice: 4.5,
    });
    expect(first?.taskid).toBeUndefined();
    expect(sent?.body).toMatchObject({ llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: input.values.prompt, duration: 8, resolution: '1080p' });
    expect(view).toMatchObject({ localId: first?.localId, transno: first?.transno, taskid: expect.stringMatching(/^\d{18}$/), terminal: false });
    expect(r.ledger.byTaskId(view.taskid!)?.localId).toBe(view.localId);
    expect(r.jobs.lastForm(MODEL.q3Pro)).toEqual(input.values);
    // The single-object stream ends without a final state: the poller is told to look.
    await settle();
    expect(r.pokes()).toBe(1);
    expect(env.sent()).toHaveLength(1);
    // Nothing went wrong: nothing to log.
    expect(r.logger.lines).toEqual([]);
  });

  it('keeps no quoted price on the entry when the form was not priced', async () => {
    const r = await env.rig();
    const view = await r.jobs.submit(env.t2v());
    expect('quotedPrice' in r.ledger.get(view.localId)!).toBe(false);
  });

  it('sends one request per formId, whether the repeats overlap or come later', async () => {
    const r = await env.rig();
    const input = env.t2v();
    const [a, b] = await Promise.all([r.jobs.submit(input), r.jobs.submit(input)]);
    const c = await r.jobs.submit({ ...input, values: { ...input.values, prompt: '换了提示词再点一次' } });
    expect(new Set([a.localId, b.localId, c.localId]).size).toBe(1);
    expect(r.ledger.size).toBe(1);
    expect(env.sent()).toHaveLength(1);
    // Another form is another task.
    await r.jobs.submit(env.t2v());
    expect(env.sent()).toHaveLength(2);
  });

  it('answers as soon as the taskid is stored, and folds the rest of a line-per-status stream in behind', { tags: ['slow'] }, async () => {
    control().setSwitches({ streamForm: 'lines' });
    const r = await env.rig();
    const view = await r.jobs.submit(env.t2v());
    expect(view.taskid).toBeTruthy();
    expect(view.terminal).toBe(false);
    // Remembered once the task exists, not only when the stream ends.
    expect(r.jobs.lastForm(MODEL.q3Pro)).toMatchObject({ duration: 5 });
    const done = await r.waitFor(view.localId, (t) => t.status === 'SUCCEEDED');
    expect(done.taskid).toBe(view.taskid);
    expect(done.resultUrls).toEqual([expect.stringContaining(view.taskid!)]);
    expect(done.resultExpiresAt).toBeGreaterThan(Date.now());
    expect(r.history(view.localId).map((t) => t.status)).toEqual(['pending', 'pending', 'created', 'processing', 'SUCCEEDED']);
    await settle();
    // The stream said how it ended: nothing for the poller to find out.
    expect(r.pokes()).toBe(0);
  });

  it('moves the entry along on a status that comes before the taskid, without inventing one', async () => {
    const lines = ['{"status": "queued"}\n', '{"taskid": "861203947562318336", "status": "created"}\n'];
    const scripted: PlatformHttpClient = { ...env.http(), openStream: async () => (async function* () {
      for (const line of lines) yield Buffer.from(line);
    })() };
    const r = await env.rig({ http: scripted });
    const view = await r.jobs.submit(env.t2v());
    await settle();
    expect(r.history(view.localId).map((t) => [t.status, t.taskid])).toEqual([['pending', undefined], ['queued', undefined], ['queued', '861203947562318336'], ['created', '861203947562318336']]);
  });

  it('takes a repeated status in its stride and a “success” without its video as not done yet', async () => {
    const lines = ['{"taskid": "861203947562318338", "status": "created"}\n', '{"status": "processing"}\n', '{"status": "processing"}\n', '{"status": "success"}\n'];
    const scripted: PlatformHttpClient = { ...env.http(), openStream: async () => (async function* () {
      for (const line of lines) yield Buffer.from(line);
    })() };
    const r = await env.rig({ http: scripted });
    const view = await r.jobs.submit(env.t2v());
    await settle();
    expect(r.history(view.localId).map((t) => t.status)).toEqual(['pending', 'pending', 'created', 'processing', 'success']);
    expect(r.ledger.get(view.localId)).toMatchObject({ status: 'success', resultUrls: [] });
    expect(r.logger.lines).toEqual([]);
    expect(r.pokes()).toBe(1);
  });

  it('records a failure the stream reports after the taskid as the vendor’s failure, with its text', { tags: ['slow'] }, async () => {
    control().setSwitches({ streamForm: 'lines', taskOutcome: 'moderation' });
    const r = await env.rig();
    const view = await r.jobs.submit(env.t2v());
    const failed = await r.waitFor(view.localId, (t) => t.status === 'FAILED');
    expect(failed).toMatchObject({ taskid: view.taskid, failureKind: 'generation_failed', error: expect.stringMatching(/\S/) });
    expect(r.ledger.get(view.localId)?.resultUrls).toEqual([]);
  });

  it('turns 账户余额不够 into insufficient_balance worded by the last balance, marks the entry refused, and frees the form', async () => {
    control().setBalance({ phone: DEMO_PHONE, balance: 5 });
    let balance: number | null = 50;
    const r = await env.rig({ lastBalance: () => balance });
    const input = env.t2v();
    await expect(r.jobs.submit(input)).rejects.toMatchObject({
      code: 'insufficient_balance', message: '账户余额不够：运行中的任务可能暂时占用了余额 / Insufficient balance: running tasks may be holding funds', detail: '账户余额不够',
    });
    const [entry] = r.ledger.list();
    expect(entry).toMatchObject({ status: 'FAILED', failureKind: 'refused', error: '账户余额不够' });
    expect(r.jobs.lastForm(MODEL.q3Pro)).toBeNull();
    balance = 3;
    await expect(r.jobs.submit(input)).rejects.toMatchObject({ code: 'insufficient_balance', message: '账户余额不够，请先充值 / Insufficient balance; please recharge first' });
    control().setBalance({ phone: DEMO_PHONE, balance: 100 });
    expect((await r.jobs.submit(input)).taskid).toBeTruthy();
    expect(env.sent()).toHaveLength(3);
    expect(r.ledger.size).toBe(3);
  });

  it('words the refusal as a plain recharge when no balance was ever read', async () => {
    control().setBalance({ phone: DEMO_PHONE, balance: 5 });
    const r = await env.rig();
    await expect(r.jobs.submit(env.t2v())).rejects.toMatchObject({ code: 'insufficient_balance', message: '账户余额不够，请先充值 / Insufficient balance; please recharge first' });
  });

  it('passes any other refusal on with the platform’s words', async () => {
    control().setSwitches({ streamFailure: 'modelNotFound' });
    const r = await env.rig();
    const failure = r.jobs.submit(env.t2v());
    await expect(failure).rejects.toMatchObject({ code: 'refused', message: `llmid:${MODEL.q3Pro}没找到模型` });
    expect(r.ledger.list()[0]).toMatchObject({ status: 'FAILED', failureKind: 'refused', error: `llmid:${MODEL.q3Pro}没找到模型` });
    expect(r.pokes()).toBe(0);
  });

  it('leaves the entry pending for the poller when the answer is cut before the taskid, and never sends it again', async () => {
    control().setFault({ kind: 'resetMidBody', path: VIDEO_PATH, times: 1 });
    const r = await env.rig();
    const input = env.t2v();
    const view = await r.jobs.submit(input);
    expect(view).toMatchObject({ status: 'pending', terminal: false });
    expect(view.taskid).toBeUndefined();
    expect(r.pokes()).toBe(1);
    expect(r.logger.lines.some((l) => l.includes('"level":"warn"') && l.includes(view.localId) && l.includes('"code":"transport"'))).toBe(true);
    expect(r.jobs.lastForm(MODEL.q3Pro)).toEqual(input.values);
    await r.jobs.submit(input);
    expect(env.sent()).toHaveLength(1);
  });

  it('logs junk in the stream with its task and carries on reading', async () => {
    const lines = ['<html>maintenance</html>\n', '{"taskid": "861203947562318337", "status": "created"}\n'];
    const scripted: PlatformHttpClient = { ...env.http(), openStream: async () => (async function* () {
      for (const line of lines) yield Buffer.from(line);
    })() };
    const r = await env.rig({ http: scripted });
    const view = await r.jobs.submit(env.t2v());
    expect(view.taskid).toBe('861203947562318337');
    const warnings = r.logger.lines.map((l) => JSON.parse(l) as { level: string; fields: Record<string, unknown> }).filter((l) => l.level === 'warn');
    expect(warnings.map((w) => w.fields)).toEqual([{ localId: view.localId, text: expect.stringContaining('junk') }]);
  });

  it('marks the entry refused with the error’s words when the request fails before any task exists, and lets the form be sent again', async () => {
    const r = await env.rig({ http: cuttingHttp(() => new AppError('unauthorized', '请先登录 / Please sign in first'), 0) });
    const input = env.t2v();
    await expect(r.jobs.submit(input)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(r.ledger.list()[0]).toMatchObject({ status: 'FAILED', failureKind: 'refused', error: '请先登录 / Please sign in first' });
    await expect(r.jobs.submit(input)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(r.ledger.size).toBe(2);
  });

  it('says only “the submission failed” on the entry when the failure is not one of ours', async () => {
    const r = await env.rig({ http: cuttingHttp(() => new TypeError('socket exploded'), 0) });
    await expect(r.jobs.submit(env.t2v())).rejects.toThrow('socket exploded');
    expect(r.ledger.list()[0]).toMatchObject({ status: 'FAILED', failureKind: 'refused', error: '提交失败 / The submission failed' });
  });

  it('hands the task to the poller, not to a failure, when the stream breaks after the taskid', async () => {
    control().setSwitches({ streamForm: 'lines' });
    const r = await env.rig({ http: cuttingHttp(() => new AppError('unauthorized', 'signed out elsewhere'), 1) });
    const view = await r.jobs.submit(env.t2v());
    expect(view.taskid).toBeTruthy();
    await settle();
    expect(r.ledger.get(view.localId)).toMatchObject({ status: 'created', taskid: view.taskid });
    expect(r.ledger.get(view.localId)?.failureKind).toBeUndefined();
    expect(r.pokes()).toBe(1);
    const logged = r.logger.lines.map((l) => JSON.parse(l) as { level: string; fields: Record<string, unknown> }).filter((l) => l.fields?.localId === view.localId);
    expect(logged).toEqual([{ level: 'warn', message: expect.any(String), fields: { localId: view.localId, error: 'AppError: signed out elsewhere' } }]);
  });

  it('still answers and tells the poller when the ledger cannot store the taskid, and logs which task', async () => {
    const r = await env.rig();
    // The entry itself is stored; the disk is full by the time the taskid comes.
    r.ledgerStore.failWhen = (records) => records.some((t) => t.taskid);
    const input = env.t2v();
    const view = await r.jobs.submit(input);
    expect(view.taskid).toBeTruthy();
    expect(r.pokes()).toBe(1);
    const errors = r.logger.lines.filter((l) => l.includes('"level":"error"') && l.includes(view.localId));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toContain('disk full');
    expect(r.jobs.lastForm(MODEL.q3Pro)).toEqual(input.values);
  });

  it('keeps the task and the formId when the last form cannot be remembered, so the form is never sent twice', async () => {
    const r = await env.rig();
    const set = r.store.set.bind(r.store);
    r.store.set = (key, value) => {
      if (key.startsWith('video.lastForm.')) throw new Error('settings file is read-only');
      set(key, value);
    };
    const input = env.t2v();
    const view = await r.jobs.submit(input);
    expect(view.taskid).toBeTruthy();
    expect((await r.jobs.submit(input)).localId).toBe(view.localId);
    // The lost-answer path remembers the form too, after the stream: the same holds there.
    control().setFault({ kind: 'resetMidBody', path: VIDEO_PATH, times: 1 });
    const lost = env.t2v();
    const pending = await r.jobs.submit(lost);
    expect(pending.taskid).toBeUndefined();
    expect((await r.jobs.submit(lost)).localId).toBe(pending.localId);
    expect(env.sent()).toHaveLength(2);
    await settle();
    expect(r.pokes()).toBe(2);
    for (const localId of [view.localId, pending.localId]) {
      expect(r.logger.lines.some((l) => l.includes('"level":"warn"') && l.includes(localId) && l.includes('settings file is read-only'))).toBe(true);
    }
    expect(r.jobs.lastForm(MODEL.q3Pro)).toBeNull();
  });

  it('refuses while signed out, writing and sending nothing', async () => {
    const r = await env.rig();
    r.signedIn.value = false;
    await expect(r.jobs.submit(env.t2v())).rejects.toMatchObject({ code: 'unauthorized', message: '请先登录 / Please sign in first' });
    expect(r.ledger.size).toBe(0);
    expect(env.sent()).toHaveLength(0);
  });
});

describe('VideoJobs.lastForm', () => {
  it('is null before any submission and for a stored value that is not a form', async () => {
    const r = await env.rig();
    expect(r.jobs.lastForm(MODEL.q3Pro)).toBeNull();
    r.store.set(`video.lastForm.${MODEL.q3Pro}`, ['not', 'a', 'form']);
    expect(r.jobs.lastForm(MODEL.q3Pro)).toBeNull();
    r.store.set(`video.lastForm.${MODEL.q3Pro}`, 'text');
    expect(r.jobs.lastForm(MODEL.q3Pro)).toBeNull();
    r.store.set(`video.lastForm.${MODEL.q3Pro}`, { prompt: 'p' });
    expect(r.jobs.lastForm(MODEL.q3Pro)).toEqual({ prompt: 'p' });
    expect(r.jobs.lastForm(MODEL.q3Turbo)).toBeNull();
  });
});
