/** submitVideo against the simulator: every stream form and refusal it makes (scripted streams: video-outcomes.test.ts). */
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { signIn } from '../testing/simple-http';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { buildVideoBody, submitVideo, VIDEO_PATH, type SubmitOutcome, type VideoSubmission } from './video';

const env = useSignedInSimulator({ taskTimings: { processingAfterMs: 100, succeedAfterMs: 300, billingDelayMs: 50 } });
const control = () => env.sim().control;
const http = () => env.http();
let n = 0;
/** A fresh 21-character transno per submission, as the ledger would make. */
const transno = (): string => `VideoTest${String(++n).padStart(12, '0')}`;
const t2v = (): VideoSubmission => ({ catalog: 't2v', llmid: MODEL.q3Pro, transno: transno(), prompt: '清晨的江南古镇', fields: { duration: 5, resolution: '720p', audio: true, off_peak: false } });
/** A PNG header (signature + IHDR) is all the client reads; the simulator stores any bytes. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ihdr]);
}
const PNG = { kind: 'file' as const, bytes: pngHeader(640, 480), filename: 'cat.png', contentType: 'image/png' };


async function run(submission: VideoSubmission): Promise<{ outcome: SubmitOutcome; taskids: string[]; statuses: (string | undefined)[]; warnings: string[] }> {
  const taskids: string[] = [];
  const statuses: (string | undefined)[] = [];
  const warnings: string[] = [];
  const outcome = await submitVideo(http(), submission, {
    callbacks: { onTaskId: (id) => taskids.push(id), onStatus: (s) => statuses.push(s.status), onWarning: (w) => warnings.push(w) },
  });
  return { outcome, taskids, statuses, warnings };
}

const lastBody = () => control().requests().filter((r) => r.path === VIDEO_PATH).at(-1);

describe('submitVideo: stream forms (§4.2)', () => {
  it('single (B): the taskid at once, then submitted for the poller; transno and llmcatelogid sent', async () => {
    const sub = t2v();
    const { outcome, taskids, statuses } = await run(sub);
    expect(outcome).toEqual({ kind: 'submitted', taskid: expect.stringMatching(/^\d{18}$/), state: { taskid: taskids[0], status: 'created' } });
    expect(statuses).toEqual(['created']);
    expect(lastBody()?.body).toMatchObject({ transno: sub.transno, llmcatelogid: 't2v', llmid: MODEL.q3Pro, audio: true, off_peak: false });
  });

  it('lines (A): every status reported, finished with the video', { tags: ['slow'] }, async () => {
    control().setSwitches({ streamForm: 'lines' });
    const { outcome, taskids, statuses } = await run(t2v());
    expect(statuses).toEqual(['created', 'processing', 'SUCCEEDED']);
    expect(taskids).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'finished', failure: null, state: { status: 'SUCCEEDED', video: expect.stringContaining('.mp4') } });
  });

  it('glued (C): two objects, one taskid', async () => {
    control().setSwitches({ streamForm: 'glued' });
    const { outcome, taskids, statuses } = await run(t2v());
    expect(taskids).toHaveLength(1);
    expect(statuses).toHaveLength(2);
    expect(outcome.kind).toBe('submitted');
  });

  it('lines form that ends FAILED after the taskid: a generation failure', async () => {
    control().setSwitches({ streamForm: 'lines' });
    // Failed the moment its taskid arrives (a fixed wait lost the race to SUCCEEDED on a busy machine).
    const outcome = await submitVideo(http(), t2v(), { callbacks: { onTaskId: (taskid) => control().finishTask({ taskid, status: 'FAILED' }) } });
    expect(outcome).toMatchObject({ kind: 'finished', failure: 'generation_failed', state: { status: 'FAILED', error: expect.stringContaining('审核') } });
  });
});

describe('submitVideo: refusals and lost answers', () => {
  it('D+E before any taskid: refused, the extra error text appended', async () => {
    control().setSwitches({ streamFailure: 'vendorError' });
    const { outcome } = await run(t2v());
    expect(outcome).toMatchObject({ kind: 'refused', code: 'refused', message: expect.stringMatching(/^ERROR:vendor request failed[^]*\n供应商提示/) });
  });

  it('a FAILED line then a cut connection: still refused (the cut is not a second failure)', async () => {
    control().setSwitches({ streamFailure: 'vendorErrorThenReset' });
    expect((await run(t2v())).outcome).toMatchObject({ kind: 'refused', message: expect.stringContaining('invalid duration') });
  });

  it('model not usable for the catalog: refused', async () => {
    expect((await run({ ...t2v(), llmid: MODEL.q3I2v, catalog: 't2v' })).outcome).toMatchObject({ kind: 'refused', message: expect.stringContaining('没找到模型') });
  });

  it('账户余额不够: insufficient_balance; a 500 (unknown llmid): refused; nothing was created', async () => {
    control().setBalance({ phone: '13900000001', balance: 5 });
    expect((await run(t2v())).outcome).toEqual({ kind: 'refused', code: 'insufficient_balance', message: '账户余额不够' });
    control().setBalance({ phone: '13900000001', balance: 126.5 });
    expect((await run({ ...t2v(), llmid: 'NoSuchModel0000000000' })).outcome).toMatchObject({ kind: 'refused', code: 'refused' });
  });

  it('the answer cut before the first object: unknown (the task may exist — reconcile by transno)', async () => {
    control().setFault({ kind: 'resetMidBody', path: VIDEO_PATH, times: 1 });
    const { outcome, taskids } = await run(t2v());
    expect(outcome).toMatchObject({ kind: 'unknown', code: 'transport' });
    expect(taskids).toEqual([]);
  });

  it('signed out: throws unauthorized (the session layer handles it)', async () => {
    control().expireSessions();
    await expect(run(t2v())).rejects.toMatchObject({ code: 'unauthorized' });
    await signIn(http());
  });
});

describe('submitVideo: images (§3.11, §10.4)', () => {
  it('i2v with a local file: multipart, image_file part, false flags omitted, true as 1', async () => {
    const sub: VideoSubmission = { catalog: 'i2v', llmid: MODEL.q3I2v, transno: transno(), prompt: '猫转头', images: [PNG], fields: { duration: 4, audio: false, off_peak: true } };
    expect((await run(sub)).outcome.kind).toBe('submitted');
    const req = lastBody();
    expect(req?.bodyKind).toBe('multipart');
    expect(req?.body).toMatchObject({ llmcatelogid: 'i2v', transno: sub.transno, duration: '4', off_peak: '1' });
    expect(req?.body).not.toHaveProperty('audio');
  });

  it('r2v with two local files and a URL: repeated images parts; URLs alone go as JSON', async () => {
    const files: VideoSubmission = { catalog: 'r2v', llmid: MODEL.q2R2v, transno: transno(), prompt: '两人对话', images: [PNG, { ...PNG, filename: 'b.png' }, { kind: 'url', url: 'https://img.example/c.jpg' }] };
    expect((await run(files)).outcome.kind).toBe('submitted');
    expect(lastBody()?.bodyKind).toBe('multipart');
    const urls: VideoSubmission = { ...files, transno: transno(), images: [{ kind: 'url', url: 'https://img.example/c.jpg' }] };
    expect((await run(urls)).outcome.kind).toBe('submitted');
    expect(lastBody()?.body).toMatchObject({ images: ['https://img.example/c.jpg'] });
  });

  it('refuses before sending: wrong count, non-https URL, not an image, too small, too large', () => {
    const i2v = { catalog: 'i2v' as const, llmid: 'L', transno: 'T', prompt: 'p' };
    expect(() => buildVideoBody({ ...i2v, images: [] })).toThrow(AppError);
    expect(() => buildVideoBody({ ...i2v, images: [{ kind: 'url', url: 'http://x/a.png' }] })).toThrow(/https/);
    expect(() => buildVideoBody({ ...i2v, images: [{ ...PNG, bytes: Buffer.from('GIF89a........') }] })).toThrow(/WebP/);
    expect(() => buildVideoBody({ ...i2v, images: [{ ...PNG, bytes: pngHeader(100, 400) }] })).toThrow(/too small/);
    expect(() => buildVideoBody({ ...i2v, images: [{ ...PNG, bytes: new Uint8Array(8 * 1024 * 1024) }] })).toThrow(/7 MiB/);
  });

  it('hidden names in fields never override the client values', () => {
    const body = buildVideoBody({ catalog: 't2v', llmid: 'L', transno: 'T', prompt: 'p', fields: { model: 'x', transno: 'evil', LLMID: 'y', duration: 5 } });
    expect(body).toEqual({ json: { duration: 5, llmid: 'L', llmcatelogid: 't2v', prompt: 'p', transno: 'T' } });
  });
});
