/** Download ids and the taskbar fraction. (The service itself: core/modules/downloads.test.ts.) */
import { describe, expect, it } from 'vitest';
import type { DownloadItem } from './queue';
import { aggregateFraction, downloadId, splitDownloadId } from './items';

const item = (state: DownloadItem['state'], bytesDone: number, bytesTotal: number | null): DownloadItem => ({
  id: 'x', url: 'u', dir: '/d', name: 'n.mp4', expiresAt: 0, addedAt: 0, state, attempts: 0, refreshed: false, error: null,
  bytesDone, bytesTotal, speed: 0, etaSeconds: null, file: null,
});

describe('download ids', () => {
  it('names a task’s first result by its local id and the n-th with #n, and back', () => {
    expect(downloadId('abc', 0)).toBe('abc');
    expect(downloadId('abc', 2)).toBe('abc#3');
    expect(splitDownloadId('abc')).toEqual({ localId: 'abc', index: 0 });
    expect(splitDownloadId('abc#3')).toEqual({ localId: 'abc', index: 2 });
    expect(splitDownloadId('abc#2')).toEqual({ localId: 'abc', index: 1 });
    for (const n of [0, 1, 2, 7]) expect(splitDownloadId(downloadId('L-9', n))).toEqual({ localId: 'L-9', index: n });
  });

  it('never answers a negative index, whatever an id says', () => {
    expect(splitDownloadId('abc#0')).toEqual({ localId: 'abc', index: 0 });
    expect(splitDownloadId('abc#-4')).toEqual({ localId: 'abc', index: 0 });
  });
});

describe('aggregateFraction', () => {
  it('is null when nothing is active (done, failed, paused, cancelled do not count)', () => {
    expect(aggregateFraction([])).toBeNull();
    expect(aggregateFraction([item('done', 10, 10), item('failed', 1, 10), item('paused', 5, 10), item('cancelled', 0, 10)])).toBeNull();
  });

  it('weighs the active downloads by their sizes; unknown sizes count as 0 until known', () => {
    expect(aggregateFraction([item('running', 50, 100), item('queued', 0, 300)])).toBe(50 / 400);
    expect(aggregateFraction([item('running', 50, null)])).toBe(0);
    expect(aggregateFraction([item('waiting', 100, 100), item('done', 0, 1000)])).toBe(1);
    expect(aggregateFraction([item('running', 30, 100), item('running', 10, null)])).toBe(0.3);
  });

  it('never shows more than done: bytes past a total count as the total', () => {
    expect(aggregateFraction([item('running', 150, 100), item('queued', 0, 100)])).toBe(0.5);
  });
});
