/**
 * The main window opens where the user left it: size, position and maximised state are saved
 * in the settings store (not a secret) when they change, and checked against the displays
 * present at the next start by the pure `fitOnScreen`, so a window last seen on a monitor that
 * has since been unplugged comes back on one that exists instead of opening off-screen.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import type { KeyValueStore } from '../core/ports';

export const WINDOW_STATE_KEY = 'windowState';
const SAVE_DEBOUNCE_MS = 500;
/** At least this much of the title bar must be on a display for the window to count as visible. */
const MIN_VISIBLE = 64;

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export interface FitOptions {
  minWidth: number;
  minHeight: number;
}

function overlap(a: Bounds, b: Bounds): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Where to open a window last seen at `bounds`, given the work areas of the displays now
 * present (the first is the primary). Kept as is when enough of its title bar is on a display;
 * otherwise moved (and shrunk to fit) onto the display it overlaps most, or the primary one.
 */
export function fitOnScreen(bounds: Bounds, displays: readonly Bounds[], options: FitOptions): Bounds | null {
  if (displays.length === 0) return null;
  const titleBar: Bounds = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, 32) };
  const visible = displays.some((area) => {
    const shared = overlap(titleBar, area);
    return shared > 0 && Math.min(area.x + area.width, titleBar.x + titleBar.width) - Math.max(area.x, titleBar.x) >= MIN_VISIBLE;
  });
  if (visible) return bounds;
  const target = displays.reduce((best, area) => (overlap(bounds, area) > overlap(bounds, best) ? area : best), displays[0]!);
  const width = Math.max(Math.min(bounds.width, target.width), Math.min(options.minWidth, target.width));
  const height = Math.max(Math.min(bounds.height, target.height), Math.min(options.minHeight, target.height));
  return {
    x: target.x + Math.round((target.width - width) / 2),
    y: target.y + Math.round((target.height - height) / 2),
    width,
    height,
  };
}

function isBounds(value: unknown): value is Bounds {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof record[key] === 'number' && Number.isFinite(record[key]));
}

/** The saved state, or null when none was saved or it is unreadable. */
export function loadWindowState(store: KeyValueStore): WindowState | null {
  const saved = store.get(WINDOW_STATE_KEY) as { bounds?: unknown; maximized?: unknown } | undefined;
  if (!saved || !isBounds(saved.bounds)) return null;
  return { bounds: saved.bounds, maximized: saved.maximized === true };
}

type TrackedWindow = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/** Saves the window's normal bounds and maximised state (debounced) whenever they change, and once more on close. */
export function trackWindowState(window: TrackedWindow, store: KeyValueStore, delayMs = SAVE_DEBOUNCE_MS): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    const bounds: Rectangle = window.getNormalBounds();
    store.set(WINDOW_STATE_KEY, { bounds, maximized: window.isMaximized() } satisfies WindowState);
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
    timer.unref?.();
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later);
  window.on('close', save);
}
