/** VideoJobs.submitBatch against the simulator: one task per line, every line checked first, the first refusal stops the rest. */
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../../simulator/index';
import type { PlatformHttpClient } from '../../platform/http';
import { DEMO_PHONE } from '../../testing/signed-in-sim';
import { useJobsSimulator } from '../../testing/video-jobs-rig';

const env = useJobsSimulator();
const control = () => env.sim().control;

describe('VideoJobs.submitBatch', () => {
  it('sends one task per line in order, each with the batch’s settings and its own line as prompt', async () => {
    const r = await env.rig();
    const result = await r.jobs.submitBatch({ ...env.t2v({ duration: 6 }), prompts: ['第一条', '第二条', '第三条'] });
    expect(result.submitted.map((t) => t.prompt)).toEqual(['第一条', '第二条', '第三条']);
    expect(result.notSent).toEqual([]);
    expect(result.refusal).toBeUndefined();
    expect(env.sent().map((s) => [s.body?.prompt, s.body?.duration])).toEqual([['第一条', '6'], ['第二条', '6'], ['第三条', '6']].map(([p, d]) => [p, Number(d)]));
    expect(new Set(result.submitted.map((t) => t.localId)).size).toBe(3);
  });

  it('sends nothing again when the same batch is submitted twice', async () => {
    const r = await env.rig();
    const input = { ...env.t2v(), prompts: ['一', '二'] };
    const first = await r.jobs.submitBatch(input);
    const again = await r.jobs.submitBatch(input);
    expect(again.submitted.map((t) => t.localId)).toEqual(first.submitted.map((t) => t.localId));
    expect(env.sent()).toHaveLength(2);
  });

  it('checks every line before sending any, and names the line at fault', async () => {
    const r = await env.rig();
    await expect(r.jobs.submitBatch({ ...env.t2v(), prompts: ['好', '也好', ''] })).rejects.toMatchObject({
      code: 'invalid_input', message: '第 3 行 / Line 3: 请填写「提示词」 / “提示词” is required',
    });
    expect(env.sent()).toHaveLength(0);
    expect(r.ledger.size).toBe(0);
  });

  it('stops at the first refusal: the refused line and every later one are reported not sent', async () => {
    const http = env.http();
    let opened = 0;
    // The second line finds the balance gone (another member of the organisation spent it).
    const draining: PlatformHttpClient = { ...http, openStream: (...args) => {
      opened += 1;
      if (opened === 2) control().setBalance({ phone: DEMO_PHONE, balance: 1 });
      return http.openStream(...args);
    } };
    const r = await env.rig({ http: draining });
    const result = await r.jobs.submitBatch({ ...env.t2v(), prompts: ['第一条', '第二条', '第三条'] });
    expect(result.submitted.map((t) => t.prompt)).toEqual(['第一条']);
    expect(result.notSent).toEqual([1, 2]);
    expect(result.refusal).toEqual({ code: 'insufficient_balance', message: '账户余额不够，请先充值 / Insufficient balance; please recharge first' });
    expect(env.sent()).toHaveLength(2);
  });

  it('reports a failure that is not an app error as a plain “submission failed” refusal', async () => {
    const http = env.http();
    const broken: PlatformHttpClient = { ...http, openStream: () => Promise.reject(new TypeError('socket exploded')) };
    const r = await env.rig({ http: broken });
    const result = await r.jobs.submitBatch({ ...env.t2v(), prompts: ['一', '二'] });
    expect(result).toEqual({ submitted: [], notSent: [0, 1], refusal: { code: 'internal', message: '提交失败 / The submission failed' } });
  });

  it('refuses while signed out, sending nothing', async () => {
    const r = await env.rig();
    r.signedIn.value = false;
    await expect(r.jobs.submitBatch({ ...env.t2v(), prompts: ['一'] })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(env.sent()).toHaveLength(0);
  });

  it('refuses a model the catalog does not list', async () => {
    const r = await env.rig();
    await expect(r.jobs.submitBatch({ ...env.t2v(), modelId: MODEL.q1Retired, prompts: ['一'] })).rejects.toMatchObject({ code: 'not_found' });
    expect(env.sent()).toHaveLength(0);
  });
});
