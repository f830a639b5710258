/**
 * Single-flight: while one call is running, further calls join it and get its answer instead of
 * starting their own. For actions that create something on the server (a payment order, an
 * app): a double click, two windows or a retried IPC message must not make two.
 * Deliberately not keyed by the arguments: the second caller gets the first one's result even
 * when it asked with other input — there is one such action at a time, and doing it twice is
 * the worse outcome.
 */
export function singleFlight<A extends unknown[], T>(action: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let running: Promise<T> | null = null;
  return (...args: A): Promise<T> => {
    if (running) return running;
    const current = (async () => action(...args))().finally(() => {
      if (running === current) running = null;
    });
    running = current;
    return current;
  };
}
