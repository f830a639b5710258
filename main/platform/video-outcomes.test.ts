/**
 * submitVideo against scripted streams: how each sequence of stream events, and each way the
 * request can fail, becomes one of the four outcomes (§4.4 steps 6–7, §10.3) — the forms and
 * failures the simulator does not make.
 */
import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../preload/contract/models/video';
import { AppError } from '../lib/errors';
import { scriptedStream, type StreamScript } from '../testing/scripted-stream';
import { submitVideo, VIDEO_PATH, type SubmitOutcome } from './video';

const sub = { catalog: 't2v' as const, llmid: 'L', transno: 'T', prompt: 'p' };

async function run(script: StreamScript): Promise<{ outcome: SubmitOutcome; taskids: string[]; states: TaskState[]; warnings: string[] }> {
  const taskids: string[] = [];
  const states: TaskState[] = [];
  const warnings: string[] = [];
  const outcome = await submitVideo(scriptedStream(script), sub, {
    callbacks: { onTaskId: (id) => taskids.push(id), onStatus: (s) => states.push(s), onWarning: (w) => warnings.push(w) },
  });
  return { outcome, taskids, states, warnings };
}
const outcomeOf = async (script: StreamScript): Promise<SubmitOutcome> => (await run(script)).outcome;
const transport = (detail: string) => new AppError('transport', `连接被中断 / ${detail}`, { detail });

describe('refused before any taskid: nothing created, nothing billed', () => {
  it('an ERROR: text line, even split across chunks', async () => {
    expect(await outcomeOf({ chunks: ['ERROR:vendor 拒', '绝\n'] })).toEqual({ kind: 'refused', code: 'refused', message: 'ERROR:vendor 拒绝' });
  });

  it('two ERROR: lines: both kept, in order', async () => {
    expect(await outcomeOf({ chunks: ['ERROR:first\nERROR:second\n'] })).toEqual({ kind: 'refused', code: 'refused', message: 'ERROR:first\nERROR:second' });
  });

  it('a FAILED object without error text: refused, worded FAILED; no status reported for a task that never existed', async () => {
    const { outcome, states, taskids } = await run({ chunks: ['{"status": "FAILED"}'] });
    expect(outcome).toEqual({ kind: 'refused', code: 'refused', message: 'FAILED' });
    expect([states, taskids]).toEqual([[], []]);
  });

  it('an error-only object with no taskid at all: refused with its text, even after a progress state without taskid', async () => {
    expect(await outcomeOf({ chunks: ['{"error": "模型维护中"}'] })).toEqual({ kind: 'refused', code: 'refused', message: '模型维护中' });
    expect(await outcomeOf({ chunks: ['{"status": "created"}{"error": "模型维护中"}'] })).toEqual({ kind: 'refused', code: 'refused', message: '模型维护中' });
  });

  it('a progress state or an object without status or error, and no taskid: reported, but nothing refused — unknown', async () => {
    const { outcome, states } = await run({ chunks: ['{"type": "video"}{"status": "created"}'] });
    expect(outcome).toMatchObject({ kind: 'unknown', code: 'malformed' });
    expect(states).toEqual([{ status: 'created' }]);
  });

  it('an envelope sent as text/html is still read as one: 账户余额不够, whatever the spacing around it', async () => {
    expect(await outcomeOf({ chunks: ['{"status": "error", "data": {"message": "账户余额不够"}}'] })).toMatchObject({ code: 'insufficient_balance' });
    expect(await outcomeOf({ chunks: ['{"status": "error", "data": {"message": " 账户余额不够\\n"}}'] })).toMatchObject({ code: 'insufficient_balance' });
  });

  it('an envelope without a message is refused with its status word; ok and choose envelopes too', async () => {
    expect(await outcomeOf({ chunks: ['{"status": "error", "data": null}'] })).toEqual({ kind: 'refused', code: 'refused', message: 'error' });
    expect(await outcomeOf({ chunks: ['{"status": "ok", "data": {"message": 5}}'] })).toEqual({ kind: 'refused', code: 'refused', message: 'ok' });
    expect(await outcomeOf({ chunks: ['{"status": "choose", "data": {}}'] })).toEqual({ kind: 'refused', code: 'refused', message: 'choose' });
  });

  it('a widget is refused with its message, else its title, else the word widget', async () => {
    expect(await outcomeOf({ chunks: ['{"widgettype": "Message", "options": {"message": "维护中", "title": "提示"}}'] })).toMatchObject({ kind: 'refused', message: '维护中' });
    expect(await outcomeOf({ chunks: ['{"widgettype": "Message", "options": {"title": "提示"}}'] })).toMatchObject({ kind: 'refused', message: '提示' });
    expect(await outcomeOf({ chunks: ['{"widgettype": "Message", "options": "维护中"}'] })).toMatchObject({ kind: 'refused', message: 'widget' });
  });

  it('a sign-in widget or envelope in the stream means signed out: thrown as unauthorized, not a refusal', async () => {
    await expect(run({ chunks: ['{"widgettype": "Error", "options": {"title": "Error", "message": "Please login first"}}'] })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(run({ chunks: ['{"status": "error", "data": {"message": "need login"}}'] })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a status-error object without data is a task state, not an envelope', async () => {
    expect(await outcomeOf({ chunks: ['{"taskid": "1", "status": "error"}'] })).toEqual({ kind: 'submitted', taskid: '1', state: { taskid: '1', status: 'error' } });
  });
});

describe('after the taskid', () => {
  it('the first taskid is kept and reported once, even when a later object names another', async () => {
    const { outcome, taskids } = await run({ chunks: ['{"taskid": "1", "status": "created"}{"taskid": "2", "status": "processing"}'] });
    expect(taskids).toEqual(['1']);
    expect(outcome).toMatchObject({ kind: 'submitted', taskid: '1', state: { status: 'processing' } });
  });

  it('a lost-track FAILED; junk is only a warning', async () => {
    const { outcome, states, warnings } = await run({ chunks: ['{"taskid": "1", "status": "created"}\n<br>\n', '{"taskid": "1", "status": "FAILED", "error": "None, Timeout"}'] });
    expect(outcome).toMatchObject({ kind: 'finished', taskid: '1', failure: 'lost_track' });
    expect(warnings).toEqual([expect.stringContaining('junk')]);
    expect(states.map((s) => s.status)).toEqual(['created', 'FAILED']);
  });

  it('FAILED then an error-only object (§4.2 E): one failure with both texts', async () => {
    const outcome = await outcomeOf({ chunks: ['{"taskid": "1", "status": "FAILED", "error": "内容审核未通过"}\n{"error": "请修改提示词"}\n'] });
    expect(outcome).toEqual({ kind: 'finished', taskid: '1', failure: 'generation_failed', state: { taskid: '1', status: 'FAILED', error: '内容审核未通过\n请修改提示词' } });
  });

  it('FAILED without text then an error-only object: that text is the failure', async () => {
    const outcome = await outcomeOf({ chunks: ['{"taskid": "1", "status": "FAILED"}{"error": "内容审核未通过"}'] });
    expect(outcome).toMatchObject({ kind: 'finished', state: { status: 'FAILED', error: '内容审核未通过' } });
  });

  it('an error-only object after a progress state stays with that state for the poller', async () => {
    const outcome = await outcomeOf({ chunks: ['{"taskid": "1", "status": "created"}{"error": "排队超时"}'] });
    expect(outcome).toEqual({ kind: 'submitted', taskid: '1', state: { taskid: '1', status: 'created', error: '排队超时' } });
  });

  it('a taskid without any status: submitted, no state yet', async () => {
    const { outcome, states } = await run({ chunks: ['{"taskid": "1"}'] });
    expect(outcome).toEqual({ kind: 'submitted', taskid: '1', state: null });
    expect(states).toEqual([]);
  });

  it('an ERROR: line or an envelope after the taskid does not undo the task: a warning, still submitted', async () => {
    const { outcome, warnings } = await run({ chunks: ['{"taskid": "1", "status": "created"}\nERROR:late\n{"status": "error", "data": {"message": "账户余额不够"}}'] });
    expect(outcome).toMatchObject({ kind: 'submitted', taskid: '1' });
    expect(warnings).toEqual([expect.stringContaining('ERROR:'), expect.stringContaining('envelope')]);
  });

  it('UNKNOWN ends the task as lost track; the vendor words success/failed count only with a video/an error', async () => {
    expect(await outcomeOf({ chunks: ['{"taskid": "1", "status": "UNKNOWN"}'] })).toMatchObject({ kind: 'finished', failure: 'lost_track' });
    expect(await outcomeOf({ chunks: ['{"taskid": "1", "status": "success", "video": "https://v/1.mp4"}'] })).toMatchObject({ kind: 'finished', failure: null });
    expect(await outcomeOf({ chunks: ['{"taskid": "1", "status": "success"}'] })).toMatchObject({ kind: 'submitted' });
  });

  it('a progress state after the final one does not reopen the task', async () => {
    const outcome = await outcomeOf({ chunks: ['{"taskid": "1", "status": "SUCCEEDED", "video": "https://v/1.mp4"}{"taskid": "1", "status": "processing"}'] });
    expect(outcome).toMatchObject({ kind: 'finished', state: { status: 'SUCCEEDED' } });
  });
});

describe('the connection breaks mid-stream', () => {
  it('after the final state: finished, the break only a warning', async () => {
    const { outcome, warnings } = await run({ chunks: ['{"taskid": "1", "status": "SUCCEEDED", "video": "https://v/1.mp4"}\n'], breakError: transport('ECONNRESET') });
    expect(outcome).toMatchObject({ kind: 'finished', failure: null });
    expect(warnings).toEqual([expect.stringContaining('connection broke')]);
  });

  it('after the taskid: submitted, for the poller, no warning needed', async () => {
    const { outcome, warnings } = await run({ chunks: ['{"taskid": "1", "status": "created"}\n'], breakError: transport('ECONNRESET') });
    expect(outcome).toMatchObject({ kind: 'submitted', taskid: '1' });
    expect(warnings).toEqual([]);
  });

  it('before anything usable: unknown with the transport error; a truncated last object is read as junk', async () => {
    const { outcome, warnings } = await run({ chunks: ['{"taskid": "1", "sta'], breakError: transport('ECONNRESET') });
    expect(outcome).toEqual({ kind: 'unknown', code: 'transport', message: '连接被中断 / ECONNRESET' });
    expect(warnings).toEqual([expect.stringContaining('junk')]);
  });

  it('a clean end with nothing at all: unknown, worded as such (malformed)', async () => {
    expect(await outcomeOf({ chunks: [] })).toEqual({ kind: 'unknown', code: 'malformed', message: '提交结果不明 / The submission answered nothing usable' });
  });

  it('signed out mid-stream, or a fault that is not an AppError: thrown, not folded into an outcome', async () => {
    await expect(run({ chunks: ['{"taskid": "1", "status": "created"}\n'], breakError: new AppError('unauthorized', 'x') })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(run({ chunks: [], breakError: new TypeError('bug') })).rejects.toThrow(TypeError);
  });
});

describe('the request and the callbacks', () => {
  it('one request to the video path with the built body and the caller\'s timeouts', async () => {
    const client = scriptedStream({ chunks: ['{"taskid": "1", "status": "created"}'] });
    await submitVideo(client, { ...sub, fields: { duration: 5 } }, { timeouts: { idleMs: 120_000 } });
    expect(client.calls).toEqual([{ path: VIDEO_PATH, body: { json: { duration: 5, llmcatelogid: 't2v', llmid: 'L', prompt: 'p', transno: 'T' } }, options: { timeouts: { idleMs: 120_000 } } }]);
  });

  it('callbacks are optional: junk, a late ERROR: line and a break after the final state fold the same without them', async () => {
    const script: StreamScript = { chunks: ['<br>\n{"taskid": "1", "status": "created"}\nERROR:late\n{"widgettype": "Message", "options": {}}\n{"taskid": "1", "status": "SUCCEEDED", "video": "https://v/1.mp4"}\n'], breakError: transport('ECONNRESET') };
    const bare = await submitVideo(scriptedStream(script), sub);
    expect(bare).toEqual(await outcomeOf(script));
    expect(bare).toMatchObject({ kind: 'finished', taskid: '1', failure: null });
  });
});

describe('no stream at all (openStream rejected)', () => {
  it.each(['app', 'widget', 'server'] as const)('%s: decided before streaming, nothing created: refused with its message', async (code) => {
    expect(await outcomeOf({ openError: new AppError(code, '维护中') })).toEqual({ kind: 'refused', code: 'refused', message: '维护中' });
  });

  it('transport or timeout once the request may have left: unknown (reconcile, never resubmit)', async () => {
    expect(await outcomeOf({ openError: transport('ECONNRESET') })).toEqual({ kind: 'unknown', code: 'transport', message: '连接被中断 / ECONNRESET' });
    expect(await outcomeOf({ openError: new AppError('transport', '网络错误') })).toEqual({ kind: 'unknown', code: 'transport', message: '网络错误' });
    expect(await outcomeOf({ openError: new AppError('timeout', '超时', { detail: 'first byte' }) })).toEqual({ kind: 'unknown', code: 'timeout', message: '超时' });
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])('%s proves the request never left: thrown, safe to submit again', async (detail) => {
    await expect(run({ openError: transport(detail) })).rejects.toMatchObject({ code: 'transport', detail });
  });

  it('other codes (signed out, busy, forbidden) and non-AppErrors are thrown as they are', async () => {
    for (const code of ['unauthorized', 'busy', 'forbidden'] as const) await expect(run({ openError: new AppError(code, 'x') })).rejects.toMatchObject({ code });
    await expect(run({ openError: new TypeError('bug') })).rejects.toThrow(TypeError);
  });
});
