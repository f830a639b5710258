/** §3.13/§3.14 reading against the simulator (with §10 behaviours), and the row decoder. */
import { describe, expect, it } from 'vitest';
import { MODEL } from '../../simulator/index';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { decodeRemoteTask, fetchTaskStatus, fetchTodayTasks, mergeTasks, taskRows, TASKS_PATH } from './tasks';
import { submitVideo } from './video';

const env = useSignedInSimulator({ taskTimings: { processingAfterMs: 60_000, succeedAfterMs: 120_000, billingDelayMs: 20 } });
const control = () => env.sim().control;
const http = () => env.http();
let n = 0;
const transno = (): string => `TasksTest${String(++n).padStart(12, '0')}`;

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

describe('fetchTaskStatus (§3.14, §10.2)', () => {
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

describe('decoding rows', () => {
  const row = { taskid: '9', status: 'processing', transno: null, use_time: 't', ioinfo: { input: { transno: 'X', image_file: 'data:image/png;base64,AAA', images: ['data:image/png;base64,B', 'https://a'] }, output: [{ taskid: '9', status: 'created' }, { taskid: '9', status: 'SUCCEEDED', video: 'v', usage: '{"duration": 5}' }] }, cost: 3, accounting_status: 'weird' };
  it('the last output wins over the row when terminal; transno from ioinfo.input; image data stripped; unknown billing is null', () => {
    expect(decodeRemoteTask(row)).toMatchObject({
      taskid: '9', transno: 'X', status: 'SUCCEEDED', terminal: true, video: 'v', usage: { duration: 5 }, billing: null,
      input: { transno: 'X', image_file: '[image]', images: ['[image]', 'https://a'] },
    });
  });
  it('a terminal row beats a running last output; rows without taskid are dropped', () => {
    expect(decodeRemoteTask({ taskid: '1', status: 'FAILED', ioinfo: { output: [{ status: 'processing' }] } })?.status).toBe('FAILED');
    expect(decodeRemoteTask({ status: 'created' })).toBeNull();
  });
  it('taskRows accepts every documented shape', () => {
    expect(taskRows({ tasks: [{ a: 1 }] })).toEqual([{ a: 1 }]);
    expect(taskRows({ tasks: { a: 1 } })).toEqual([{ a: 1 }]);
    expect(taskRows([{ tasks: { a: 1 } }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(taskRows(null)).toEqual([]);
    expect(() => taskRows('x')).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
  it('mergeTasks: by taskid, then transno; the terminal copy wins', () => {
    const a = decodeRemoteTask({ taskid: '1', status: 'processing', transno: 'T' });
    const b = decodeRemoteTask({ taskid: '1', status: 'SUCCEEDED', transno: 'T' });
    const c = decodeRemoteTask({ taskid: '2', status: 'created', transno: 'U' });
    const merged = mergeTasks([[a!, c!], [b!]]);
    expect(merged.map((t) => [t.taskid, t.status])).toEqual([['1', 'SUCCEEDED'], ['2', 'created']]);
  });
});
