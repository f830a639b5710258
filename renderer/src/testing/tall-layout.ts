/**
 * happy-dom lays nothing out: a ResizeObserver that reports a 1000 × 2000 box, so Naive's
 * virtual list renders every row and the library grid fits four cards a row. Import it FIRST in
 * a test file (before any component): Naive's resize delegate takes the constructor when it loads.
 */
class TallResizeObserver {
  constructor(private readonly callback: (entries: unknown[]) => void) {}
  observe(target: Element): void {
    const contentRect = { width: 1000, height: 2000, top: 0, left: 0, right: 1000, bottom: 2000, x: 0, y: 0 };
    queueMicrotask(() => this.callback([{ target, contentRect, borderBoxSize: [], contentBoxSize: [], devicePixelContentBoxSize: [] }]));
  }
  unobserve(): void {}
  disconnect(): void {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver = TallResizeObserver;
if (typeof window !== 'undefined') (window as { ResizeObserver?: unknown }).ResizeObserver = TallResizeObserver;
