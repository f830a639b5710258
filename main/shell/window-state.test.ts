import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../testing/memory-ports';
import { fitOnScreen, loadWindowState, trackWindowState, WINDOW_STATE_KEY } from './window-state';

const MIN = { minWidth: 960, minHeight: 640 };
const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const rightMonitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('fitOnScreen', () => {
  it('keeps a window that is on a present display, also on a second monitor', () => {
    const bounds = { x: 2000, y: 100, width: 1200, height: 800 };
    expect(fitOnScreen(bounds, [laptop, rightMonitor], MIN)).toEqual(bounds);
  });

  it('brings a window back onto the laptop after its monitor was unplugged, centred', () => {
    expect(fitOnScreen({ x: 2000, y: 100, width: 1200, height: 800 }, [laptop], MIN)).toEqual({ x: 120, y: 50, width: 1200, height: 800 });
  });

  it('moves a window whose title bar is off the top, and shrinks one larger than the display', () => {
    expect(fitOnScreen({ x: 100, y: -500, width: 3000, height: 2000 }, [laptop], MIN)).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it('does not count a sliver of a few pixels as visible', () => {
    const fitted = fitOnScreen({ x: 1420, y: 100, width: 1200, height: 800 }, [laptop], MIN);
    expect(fitted).toEqual({ x: 120, y: 50, width: 1200, height: 800 });
  });

  it('answers null without displays (the caller uses the default size)', () => {
    expect(fitOnScreen({ x: 0, y: 0, width: 100, height: 100 }, [], MIN)).toBeNull();
  });
});

describe('window state persistence', () => {
  afterEach(() => vi.useRealTimers());

  it('saves the normal bounds and maximised state after moves settle and on close', () => {
    vi.useFakeTimers();
    const store = memoryStore();
    const window = Object.assign(new EventEmitter(), {
      bounds: { x: 10, y: 20, width: 1200, height: 800 },
      maximized: false,
      getNormalBounds() { return this.bounds; },
      isMaximized() { return this.maximized; },
      isDestroyed: () => false,
    });
    trackWindowState(window as never, store, 500);
    window.emit('move');
    window.bounds = { x: 30, y: 40, width: 1000, height: 700 };
    window.emit('resize');
    expect(store.data.has(WINDOW_STATE_KEY)).toBe(false);
    vi.advanceTimersByTime(500);
    expect(loadWindowState(store)).toEqual({ bounds: { x: 30, y: 40, width: 1000, height: 700 }, maximized: false });
    window.maximized = true;
    window.emit('close');
    expect(loadWindowState(store)?.maximized).toBe(true);
  });

  it('ignores a stored state that is not a rectangle', () => {
    const store = memoryStore();
    store.set(WINDOW_STATE_KEY, { bounds: { x: 'a', y: 0, width: 1, height: 1 } });
    expect(loadWindowState(store)).toBeNull();
  });
});
