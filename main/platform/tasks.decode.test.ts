/** Decoding §3.13 rows and §3.14 states, and merging the three catalogs' lists (§5.4, §10.1, §10.2). */
import { describe, expect, it } from 'vitest';
import type { RemoteTask } from '../../preload/contract/models/video';
import { decodeRemoteTask, decodeTaskState, mergeTasks, taskRows } from './tasks';

const task = (raw: Record<string, unknown>): RemoteTask => {
  const decoded = decodeRemoteTask(raw);
  if (!decoded) throw new Error('row did not decode');
  return decoded;
};

describe('decodeTaskState', () => {
  it('keeps only the documented fields, ids as text, usage parsed from its JSON text', () => {
    expect(decodeTaskState({ taskid: 42, status: 'SUCCEEDED', error: 'e', video: 'v', type: 'video', llmusageid: 'u1', usage: '{"duration":5}', cost: 3, extra: 'x' }))
      .toEqual({ taskid: '42', status: 'SUCCEEDED', error: 'e', video: 'v', type: 'video', llmusageid: 'u1', usage: { duration: 5 } });
  });
  it('drops fields of the wrong type and usage that is no object; a non-object is no state', () => {
    expect(decodeTaskState({ status: 'created', video: null, error: {}, usage: 'not json' })).toEqual({ status: 'created' });
    expect(decodeTaskState({ status: 'created', usage: [1] })).toEqual({ status: 'created' });
    expect(decodeTaskState('created')).toBeNull();
    expect(decodeTaskState(null)).toBeNull();
  });
});

describe('taskRows', () => {
  it('accepts every documented shape', () => {
    expect(taskRows({ tasks: [{ a: 1 }] })).toEqual([{ a: 1 }]);
    expect(taskRows({ tasks: { a: 1 } })).toEqual([{ a: 1 }]);
    expect(taskRows([{ tasks: { a: 1 } }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(taskRows(null)).toEqual([]);
    expect(taskRows(undefined)).toEqual([]);
    expect(() => taskRows('x')).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
  it('an answer without tasks is an empty day; an item whose tasks is no object is the row itself', () => {
    expect(taskRows({})).toEqual([]);
    expect(taskRows({ tasks: null })).toEqual([]);
    expect(taskRows([{ tasks: 'x', taskid: '1' }])).toEqual([{ tasks: 'x', taskid: '1' }]);
  });
});

describe('decodeRemoteTask', () => {
  const row = { taskid: '9', status: 'processing', transno: null, use_time: 't', ioinfo: { input: { transno: 'X', image_file: 'data:image/png;base64,AAA', images: ['data:image/png;base64,B', 'https://a'] }, output: [{ taskid: '9', status: 'created' }, { taskid: '9', status: 'SUCCEEDED', video: 'v', usage: '{"duration": 5}' }] }, cost: 3, accounting_status: 'weird' };

  it('the last output wins over the row when terminal; transno from ioinfo.input; image data stripped; unknown billing is null', () => {
    expect(decodeRemoteTask(row)).toMatchObject({
      taskid: '9', transno: 'X', status: 'SUCCEEDED', terminal: true, video: 'v', usage: { duration: 5 }, billing: null,
      input: { transno: 'X', image_file: '[image]', images: ['[image]', 'https://a'] },
    });
  });

  it('every field of a full row, and nothing of cost', () => {
    const full = {
      taskid: 'T', transno: 'TR', llmid: 'L', llmcatelogid: 'i2v', status: 'created', use_time: '2026-06-12 10:31:07', use_date: '2026-06-12',
      amount: '4.5', accounting_status: 'accounted', usages: '{"seconds":8}', cost: 3,
      ioinfo: JSON.stringify({ input: { prompt: '猫', n: 2, llmid: 'other', transno: 'other' }, output: [{ status: 'processing', error: 'slow' }] }),
    };
    expect(decodeRemoteTask(full)).toEqual({
      taskid: 'T', transno: 'TR', llmid: 'L', listedCatalog: 'i2v', status: 'processing', terminal: false, error: 'slow', video: null,
      usage: { seconds: 8 }, useTime: '2026-06-12 10:31:07', useDate: '2026-06-12', amount: 4.5, billing: 'accounted',
      input: { prompt: '猫', n: 2, llmid: 'other', transno: 'other' },
    });
  });

  it('a bare row: nulls where the row says nothing, UNKNOWN without any status word', () => {
    expect(decodeRemoteTask({ taskid: 'B' })).toEqual({
      taskid: 'B', transno: null, llmid: null, listedCatalog: null, status: 'UNKNOWN', terminal: true, error: null, video: null,
      usage: null, useTime: null, useDate: null, amount: null, billing: null, input: null,
    });
  });

  it('llmid and transno from the recorded input when the row has none; usage from `usage` when `usages` is absent', () => {
    expect(task({ taskid: '1', status: 'created', ioinfo: { input: { llmid: 'L2', transno: 'T2' } }, usage: { duration: 4 } }))
      .toMatchObject({ llmid: 'L2', transno: 'T2', usage: { duration: 4 } });
    expect(task({ taskid: '1', status: 'created', ioinfo: { input: 'text' }, usages: 'none' })).toMatchObject({ llmid: null, transno: null, input: null, usage: null });
  });

  it('the last output usage beats the row usages', () => {
    expect(task({ taskid: '1', usages: { a: 1 }, ioinfo: { output: [{ status: 'SUCCEEDED', usage: { b: 2 } }] } }).usage).toEqual({ b: 2 });
  });

  it('the listed catalog is the list it came from, else the row label when it is one of the three', () => {
    expect(task({ taskid: '1', llmcatelogid: 'r2v' }).listedCatalog).toBe('r2v');
    expect(task({ taskid: '1', llmcatelogid: 't2v' }).listedCatalog).toBe('t2v');
    expect(task({ taskid: '1', llmcatelogid: 'i2v' }).listedCatalog).toBe('i2v');
    expect(decodeRemoteTask({ taskid: '1', llmcatelogid: 'r2v' }, 't2v')?.listedCatalog).toBe('t2v');
    expect(task({ taskid: '1', llmcatelogid: 'x2v' }).listedCatalog).toBeNull();
  });

  it('the taskid of the last output serves when the row has none; rows without any taskid are dropped', () => {
    expect(task({ status: 'created', ioinfo: { output: [{ taskid: 'O1', status: 'processing' }] } }).taskid).toBe('O1');
    expect(task({ taskid: ' ', ioinfo: { output: [{ taskid: 'O2', status: 'processing' }] } }).taskid).toBe('O2');
    expect(decodeRemoteTask({ status: 'created' })).toBeNull();
    expect(decodeRemoteTask({ taskid: '', ioinfo: { output: [{ taskid: '' }] } })).toBeNull();
    expect(decodeRemoteTask('row')).toBeNull();
    expect(decodeRemoteTask(null)).toBeNull();
    expect(decodeRemoteTask({ status: 'created', ioinfo: { output: 'x' } })).toBeNull();
  });

  it('status: a terminal row beats a running output; a running output beats a running row; a terminal output beats all', () => {
    expect(task({ taskid: '1', status: 'FAILED', ioinfo: { output: [{ status: 'processing' }] } }).status).toBe('FAILED');
    expect(task({ taskid: '1', status: 'created', ioinfo: { output: [{ status: 'processing' }] } }).status).toBe('processing');
    expect(task({ taskid: '1', status: 'FAILED', ioinfo: { output: [{ status: 'SUCCEEDED', video: 'v' }] } }).status).toBe('SUCCEEDED');
    expect(task({ taskid: '1', status: 'queueing', ioinfo: { output: [{ status: '' }] } }).status).toBe('queueing');
    expect(task({ taskid: '1', status: 'processing', ioinfo: { output: [{ status: 'success', video: 'v' }] } })).toMatchObject({ status: 'SUCCEEDED', terminal: true, video: 'v' });
  });

  it('image data is stripped at any depth of a list, other values kept', () => {
    const input = task({ taskid: '1', ioinfo: { input: { a: 'data:x', b: ['data:y', ['data:z', 'ok']], c: 5, d: 'https://data:1' } } }).input;
    expect(input).toEqual({ a: '[image]', b: ['[image]', ['[image]', 'ok']], c: 5, d: 'https://data:1' });
  });
});

describe('mergeTasks (§10.1)', () => {
  it('by taskid, then transno; the terminal copy wins and keeps the first place', () => {
    const a = task({ taskid: '1', status: 'processing', transno: 'T' });
    const b = task({ taskid: '1', status: 'SUCCEEDED', transno: 'T' });
    const c = task({ taskid: '2', status: 'created', transno: 'U' });
    const merged = mergeTasks([[a, c], [b]]);
    expect(merged.map((t) => [t.taskid, t.status])).toEqual([['1', 'SUCCEEDED'], ['2', 'created']]);
  });

  it('a running copy never replaces a terminal one, and of two terminal copies the first stays', () => {
    const done = task({ taskid: '1', status: 'SUCCEEDED', amount: 1 });
    expect(mergeTasks([[done], [task({ taskid: '1', status: 'processing' })]])).toEqual([done]);
    expect(mergeTasks([[done], [task({ taskid: '1', status: 'FAILED' })]])).toEqual([done]);
    const running = task({ taskid: '1', status: 'created' });
    expect(mergeTasks([[running], [task({ taskid: '1', status: 'processing' })]])).toEqual([running]);
  });

  it('two taskids with one transno are one task: the terminal one is kept, the other dropped', () => {
    const early = task({ taskid: 'A', status: 'processing', transno: 'T' });
    const late = task({ taskid: 'B', status: 'SUCCEEDED', transno: 'T' });
    expect(mergeTasks([[early], [late]]).map((t) => t.taskid)).toEqual(['B']);
    expect(mergeTasks([[late], [early]]).map((t) => t.taskid)).toEqual(['B']);
  });

  it('tasks without transno never meet by transno', () => {
    const merged = mergeTasks([[task({ taskid: 'A', status: 'created' })], [task({ taskid: 'B', status: 'SUCCEEDED' })]]);
    expect(merged.map((t) => t.taskid)).toEqual(['A', 'B']);
  });
});
