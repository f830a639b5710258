/**
 * The simulator's one source of time: wall time by default (the CLI, tests, e2e). A simulated
 * bench passes a fake clock (bench/poller.ts), so task progression, "today" for §3.13, the
 * §3.14 age check and session tickets all follow simulated minutes while HTTP stays real.
 * Structurally the app's Clock port, but declared here: the simulator imports nothing from the app.
 */
export interface SimClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const wallClock: SimClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
