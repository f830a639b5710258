/** The renderer's copy of a ledger record: what it shows, what it must not share with the ledger. */
import { describe, expect, it } from 'vitest';
import type { TaskRecord } from './types';
import { toTaskView } from './view';

const record = (status: string): TaskRecord => ({
  localId: 'L1',
  transno: 'tx1',
  taskid: 'T1',
  modelId: 'm',
  modelName: 'viduq3',
  llmid: 'l',
  catalog: 't2v',
  prompt: '江南古镇',
  params: { duration: 5 },
  inputImages: ['/data/in.png'],
  status,
  createdAt: 1,
  updatedAt: 2,
  resultUrls: ['https://cdn/v.mp4'],
  hidden: false,
  origin: 'local',
  lastRemoteChangeAt: 3,
  lastNudgeAt: 4,
});

describe('toTaskView', () => {
  it('drops the poller bookkeeping and says whether the task is finished', () => {
    const running = toTaskView(record('processing'));
    expect(running).not.toHaveProperty('lastRemoteChangeAt');
    expect(running).not.toHaveProperty('lastNudgeAt');
    const { lastRemoteChangeAt: _c, lastNudgeAt: _n, ...shown } = record('processing');
    expect(running).toEqual({ ...shown, terminal: false });
    expect(toTaskView(record('SUCCEEDED')).terminal).toBe(true);
    expect(toTaskView(record('UNKNOWN')).terminal).toBe(true);
  });

  it('shares no list or params object with the ledger record (the renderer copy is sent on later)', () => {
    const source = record('processing');
    const view = toTaskView(source);
    view.params.duration = 10;
    view.inputImages.push('/x.png');
    view.resultUrls.length = 0;
    expect(source.params).toEqual({ duration: 5 });
    expect(source.inputImages).toEqual(['/data/in.png']);
    expect(source.resultUrls).toEqual(['https://cdn/v.mp4']);
  });
});
