import { describe, expect, it } from 'vitest';
import { BusyTracker } from './busy';

describe('BusyTracker', () => {
  it('is busy while any begun work has not ended', () => {
    const busy = new BusyTracker();
    expect(busy.isBusy()).toBe(false);
    const endFirst = busy.begin('video-submit');
    const endSecond = busy.begin('video-submit');
    expect(busy.reasons()).toEqual(['video-submit', 'video-submit']);
    endFirst();
    expect(busy.isBusy()).toBe(true);
    endSecond();
    expect(busy.isBusy()).toBe(false);
  });

  it('ignores a second end of the same work, so another submission stays counted', () => {
    const busy = new BusyTracker();
    const endFirst = busy.begin('a');
    busy.begin('b');
    endFirst();
    endFirst();
    expect(busy.reasons()).toEqual(['b']);
  });
});
