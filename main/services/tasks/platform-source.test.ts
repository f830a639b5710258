/** The one adapter between the platform's RemoteTask and the tracker's: field by field, and its failure rule. */
import { describe, expect, it } from 'vitest';
import type { RemoteTask as PlatformTask } from '../../../preload/contract/models/video';
import { AppError } from '../../lib/errors';
import type { OkOrChoose, PlatformHttp } from '../../platform/types';
import { fromPlatformTask, fromTaskState, platformTaskSource, serverTimeToEpoch } from './platform-source';

const row: PlatformTask = {
  taskid: 'T1', transno: 'TR', llmid: 'M', listedCatalog: 'i2v', status: 'SUCCEEDED', terminal: true, error: null,
  video: 'https://cdn.example/v.mp4', usage: { duration: 5 }, useTime: '2026-06-12 10:31:07', useDate: '2026-06-12',
  amount: 4.5, billing: 'accounted', input: { prompt: '猫', llmid: 'M' },
};

function http(answer: (path: string, query: Record<string, string | number> | undefined) => OkOrChoose): PlatformHttp {
  return { get: async (path, query) => answer(path, query), post: async () => ({ kind: 'ok', data: null }), baseUrl: () => 'https://p.example' };
}

describe('fromPlatformTask', () => {
  it('maps every field the tracker reads; the server time is China time', () => {
    expect(fromPlatformTask(row)).toEqual({
      taskid: 'T1', transno: 'TR', status: 'SUCCEEDED', resultUrls: ['https://cdn.example/v.mp4'], accountingStatus: 'accounted', amount: 4.5,
      llmid: 'M', model: 'M', catalog: 'i2v', prompt: '猫', createdAt: Date.UTC(2026, 5, 12, 2, 31, 7),
    });
  });

  it('leaves out what the row does not have', () => {
    const bare: PlatformTask = { ...row, transno: null, video: null, error: 'x', amount: null, billing: null, llmid: null, listedCatalog: null, input: null, useTime: null };
    expect(fromPlatformTask(bare)).toEqual({ taskid: 'T1', status: 'SUCCEEDED', resultUrls: [], error: 'x' });
    expect(Object.keys(fromPlatformTask(bare)).sort()).toEqual(['error', 'resultUrls', 'status', 'taskid']);
    expect(serverTimeToEpoch('yesterday')).toBeUndefined();
  });

  it('reads the server time only in its exact form; an impossible date is no time', () => {
    expect(serverTimeToEpoch('2026-06-12 00:00:00')).toBe(Date.UTC(2026, 5, 11, 16, 0, 0));
    for (const text of ['x2026-06-12 10:31:07', 'Jun 2026-06-12 10:31:07', '2026-06-12 10:31:07x', '2026-06-12 10:31:07.5', '2026-06-12T10:31:07', '2026-06-12', '', null, '2026-13-45 99:99:99']) {
      expect(serverTimeToEpoch(text)).toBeUndefined();
    }
  });

  it('a prompt that is not text is not carried', () => {
    expect(fromPlatformTask({ ...row, input: { prompt: 5 } })).not.toHaveProperty('prompt');
    expect(fromPlatformTask({ ...row, input: { prompt: '' } }).prompt).toBe('');
  });

  it('reads a §3.14 state', () => {
    expect(fromTaskState('T9', { status: 'FAILED', error: 'taskid=T9 not exist' })).toEqual({ taskid: 'T9', status: 'FAILED', error: 'taskid=T9 not exist', resultUrls: [] });
    expect(fromTaskState('T9', { taskid: 'T9b', status: 'SUCCEEDED', video: 'https://c/v.mp4', error: '' })).toEqual({ taskid: 'T9b', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
    expect(fromTaskState('T9', {})).toEqual({ taskid: 'T9', status: 'UNKNOWN', resultUrls: [] });
  });
});

describe('platformTaskSource', () => {
  it('rejects a round when the network is down for every catalog (the poller backs off)', async () => {
    const source = platformTaskSource(http(() => {
      throw new AppError('transport', 'ECONNRESET');
    }));
    await expect(source.listToday()).rejects.toMatchObject({ code: 'transport' });
  });

  it('a timeout on every catalog is also a failed round', async () => {
    const source = platformTaskSource(http(() => {
      throw new AppError('timeout', 'no answer in 60 s');
    }));
    await expect(source.listToday()).rejects.toMatchObject({ code: 'timeout', message: 'no answer in 60 s' });
  });

  it('the network down for two catalogs only, or down and then a server error, is an answer', async () => {
    const twoDown = platformTaskSource(http((_path, query) => {
      if (query?.llmcatelogid === 'i2v') return { kind: 'ok', data: { tasks: [{ taskid: 'T3', status: 'processing' }] } };
      throw new AppError('transport', 'ECONNRESET');
    }));
    expect(await twoDown.listToday()).toEqual({ rows: [{ taskid: 'T3', status: 'processing', resultUrls: [], catalog: 'i2v' }], failedCatalogs: ['t2v', 'r2v'] });
    const mixed = platformTaskSource(http((_path, query) => {
      throw new AppError(query?.llmcatelogid === 'r2v' ? 'server' : 'transport', 'x');
    }));
    expect(await mixed.listToday()).toEqual({ rows: [], failedCatalogs: ['t2v', 'i2v', 'r2v'] });
  });

  it('status: the §3.14 answer for that taskid, mapped', async () => {
    const asked: unknown[] = [];
    const source = platformTaskSource(http((path, query) => {
      asked.push([path, query]);
      return { kind: 'ok', data: { resposne: { taskid: 'T5', status: 'SUCCEEDED', video: 'https://c/v.mp4' } } };
    }));
    expect(await source.status('T5')).toEqual({ taskid: 'T5', status: 'SUCCEEDED', resultUrls: ['https://c/v.mp4'] });
    expect(asked).toEqual([['/llmage/get_asynctask_status.dspy', { taskid: 'T5' }]]);
  });

  it('answers with the failed catalogs when the server fails them (the nudges take over, §10.1)', async () => {
    const source = platformTaskSource(http((_path, query) => {
      if (query?.llmcatelogid === 'r2v') return { kind: 'ok', data: { tasks: [{ taskid: 'T2', status: 'processing' }] } };
      throw new AppError('server', 'HTTP 500');
    }));
    const { rows, failedCatalogs } = await source.listToday();
    expect(failedCatalogs).toEqual(['t2v', 'i2v']);
    expect(rows.map((r) => r.taskid)).toEqual(['T2']);
  });
});
