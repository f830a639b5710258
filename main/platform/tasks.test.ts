/** §3.13/§3.14 reading against the simulator (with §10 behaviours); the row decoder is in tasks.decode.test.ts. */
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../simulator/index';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { AppError } from '../lib/errors';
import { fetchTaskStatus, fetchTodayTasks, TASK_STATUS_PATH, TASKS_PATH } from './tasks';
import type { OkOrChoose, PlatformHttp, RequestOptions } from './types';
import { submitVideo } from './video';

const env = useSignedInSimulator({ taskTimings: { processingAfterMs: 60_000, succeedAfterMs: 120_000, billingDelayMs: 20 } });
const control = () => env.sim().control;
const http = () => env.http();
let n = 0;
const transno = (): string => `TasksTest${String(++n).padStart(12, '0')}`;

function fakeHttp(answer: (path: string, query: Record<string, string | number> | undefined, options: RequestOptions | undefined) => OkOrChoose): PlatformHttp {
  return { get: async (path, query, options) => answer(path, query, options), post: async () => ({ kind: 'ok', data: null }), baseUrl: () => 'https://p.example' };
}

/** Submits an i2v task of the two-catalog model (listed under t2v, §10.1); returns taskid and transno. */
async function turboI2v(): Promise<{ taskid: string; transno: string }> {
  const t = transno();
  const outcome = await submitVideo(http(), { catalog: 'i2v', llmid: MODEL.q3Turbo, transno: t, prompt: '猫', images: [{ kind: 'url', url: 'https://img.example/cat.jpg' }] });
  if (outcome.kind !== 'submitted') throw new Error(`submission ${outcome.kind}`);
  return { taskid: outcome.taskid, transno: t };
}

describe('fetchTodayTasks (§3.13, §10.1)', () => {
  it('asks all three catalogs and finds an i2v task by transno although it is listed under t2v', async () => {
    const mine = await turboI2v();
    const { tasks, failed } = await fetchTodayTasks(http());
    expect(failed).toEqual([]);
    const found = tasks.find((t) => t.transno === mine.transno);
    expect(found).toMatchObject({ taskid: mine.taskid, listedCatalog: 't2v', status: 'created', terminal: false, billing: 'created', amount: null });
    expect(found?.input).toMatchObject({ transno: mine.transno, image_file: 'https://img.example/cat.jpg' });
    expect(found).not.toHaveProperty('cost');
    expect(new Set(tasks.map((t) => t.taskid)).size).toBe(tasks.length);
  });

  it('a catalog answering 500 does not hide the others; the caller learns which failed', async () => {
    const mine = await turboI2v();
    const r2v = await submitVideo(http(), { catalog: 'r2v', llmid: MODEL.q2R2v, transno: transno(), prompt: '对话', images: [{ kind: 'url', url: 'https://img.example/a.jpg' }] });
    control().setFault({ kind: 'status500', path: TASKS_PATH, times: 1 }); // the first call: t2v
    const { tasks, failed } = await fetchTodayTasks(http());
    expect(failed).toEqual([{ catalog: 't2v', code: 'server', message: expect.any(String) }]);
    expect(tasks.some((t) => t.taskid === mine.taskid)).toBe(false);
    expect(tasks.find((t) => r2v.kind === 'submitted' && t.taskid === r2v.taskid)?.listedCatalog).toBe('r2v');
  });

  it('the Spec shape and ioinfo as text decode to the same tasks', async () => {
    await turboI2v();
    const observed = await fetchTodayTasks(http());
    control().setSwitches({ tasksShape: 'spec', ioinfoAsString: true });
    expect(await fetchTodayTasks(http())).toEqual(observed);
  });

  it('billing: accounted with the amount after success; failed when the platform says so', async () => {
    const mine = await turboI2v();
    control().finishTask({ taskid: mine.taskid, status: 'SUCCEEDED' });
    await new Promise((r) => setTimeout(r, 80));
    const done = (await fetchTodayTasks(http())).tasks.find((t) => t.taskid === mine.taskid);
    expect(done).toMatchObject({ status: 'SUCCEEDED', terminal: true, billing: 'accounted', amount: expect.any(Number), video: expect.stringContaining('.mp4') });
    control().setTask({ taskid: mine.taskid, accountingStatus: 'failed' });
    expect((await fetchTodayTasks(http())).tasks.find((t) => t.taskid === mine.taskid)?.billing).toBe('failed');
  });
});

describe('fetchTodayTasks, one catalog after another (§5.2, §10.1)', () => {
  it('asks t2v, i2v, r2v in turn, each with time for a multi-MiB answer', async () => {
    control().clearRequests();
    await fetchTodayTasks(http());
    const asked = control().requests().filter((r) => r.path === TASKS_PATH);
    expect(asked.map((r) => r.query.llmcatelogid)).toEqual(['t2v', 'i2v', 'r2v']);
    const seen: { query?: Record<string, string | number>; options?: RequestOptions }[] = [];
    await fetchTodayTasks(fakeHttp((_p, query, options) => {
      seen.push({ query, options });
      return { kind: 'ok', data: { tasks: [] } };
    }), ['r2v']);
    expect(seen).toEqual([{ query: { llmcatelogid: 'r2v' }, options: { timeoutMs: 60_000 } }]);
  });

  it('signed out: the whole read fails at once, no catalog is counted as failed', async () => {
    let calls = 0;
    const signedOut = fakeHttp(() => {
      calls += 1;
      throw new AppError('unauthorized', 'need login');
    });
    await expect(fetchTodayTasks(signedOut)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(calls).toBe(1);
  });

  it('a programming error is not a failed catalog: it surfaces', async () => {
    await expect(fetchTodayTasks(fakeHttp(() => {
      throw new TypeError('boom');
    }))).rejects.toBeInstanceOf(TypeError);
  });

  it('an unreadable answer counts as that catalog failing, with its code and message', async () => {
    const result = await fetchTodayTasks(fakeHttp((_p, query) => ({ kind: 'ok', data: query?.llmcatelogid === 'i2v' ? 'garbage' : { tasks: [null, { status: 'created' }, { taskid: String(query?.llmcatelogid), status: 'created' }] } })));
    expect(result.failed).toEqual([{ catalog: 'i2v', code: 'malformed', message: '任务列表格式无法识别 / Unrecognised task list' }]);
    expect(result.tasks.map((t) => [t.taskid, t.listedCatalog])).toEqual([['t2v', 't2v'], ['r2v', 'r2v']]);
  });
});

describe('fetchTaskStatus (§3.14, §10.2)', () => {
  it('an answer without a status word is malformed, never a state; the request has time for a large answer', async () => {
    const seen: unknown[] = [];
    const answering = (data: unknown) => fakeHttp((path, query, options) => {
      seen.push([path, query, options]);
      return { kind: 'ok', data };
    });
    for (const data of [{ resposne: { taskid: '1' } }, { resposne: { taskid: '1', status: '' } }, { response: 'x' }, null, 'SUCCEEDED']) {
      await expect(fetchTaskStatus(answering(data), '1')).rejects.toMatchObject({ code: 'malformed', message: '任务状态格式无法识别 / Unrecognised task status' });
    }
    expect(seen[0]).toEqual([TASK_STATUS_PATH, { taskid: '1' }, { timeoutMs: 60_000 }]);
    expect(await fetchTaskStatus(answering({ resposne: { status: 'processing' }, response: { status: 'SUCCEEDED' } }), '1')).toEqual({ status: 'processing' });
  });

  it('reads resposne and response alike', async () => {
    const { taskid } = await turboI2v();
    expect(await fetchTaskStatus(http(), taskid)).toEqual({ taskid, status: 'created' });
    control().setSwitches({ taskStatusKey: 'response' });
    expect(await fetchTaskStatus(http(), taskid)).toEqual({ taskid, status: 'created' });
  });

  it('archived after success: FAILED … not exist (the client must not downgrade, see task-status)', async () => {
    const { taskid } = await turboI2v();
    control().finishTask({ taskid, status: 'SUCCEEDED' });
    control().archiveTasks();
    expect(await fetchTaskStatus(http(), taskid)).toEqual({ taskid, status: 'FAILED', error: `taskid=${taskid} not exist` });
  });

  it('a task older than 10 minutes with the 500 switch: a server error, not a task failure', async () => {
    const { taskid } = await turboI2v();
    control().setTask({ taskid, ageMs: 11 * 60_000 });
    control().setSwitches({ statusOldTasks500: true });
    await expect(fetchTaskStatus(http(), taskid)).rejects.toMatchObject({ code: 'server' });
  });
});
