/**
 * `--smoke-test`: the release workflow starts each packaged app with it on a Windows and a macOS
 * runner. The app starts as usual, waits until the sign-in screen (or, with a saved session, the
 * signed-in screen) is ready, prints the time from launch and the main process's memory on one
 * line, and exits 0; it exits 1 when the screen is not ready within the time limit. Nothing else
 * changes, so a passing smoke test means the installed app really starts.
 */
export const SMOKE_TEST_SWITCH = '--smoke-test';
export const SMOKE_TEST_TIMEOUT_MS = 60_000;

/**
 * The first screen is ready: the phone field of the sign-in screen, the server question of a
 * first start without a configured server, or the signed-in user's name with a saved session.
 */
export const READY_SCRIPT = `Boolean(document.querySelector('#login-phone, [data-testid="setup-url"], [data-testid="signed-in-user"]'))`;

export function isSmokeTest(argv: readonly string[]): boolean {
  return argv.includes(SMOKE_TEST_SWITCH);
}

export interface SmokeTestPorts {
  /** Milliseconds since the process started. */
  sinceLaunchMs(): number;
  /** Resident memory of the main process, in bytes. */
  mainMemoryBytes(): number;
  /** Evaluates READY_SCRIPT in the window's page; rejects while no page is loaded. */
  isReady(): Promise<boolean>;
  print(line: string): void;
  exit(code: number): void;
  sleep(ms: number): Promise<void>;
}

/** Polls the page until it is ready or the time is up, then reports and exits. */
export async function runSmokeTest(ports: SmokeTestPorts, timeoutMs = SMOKE_TEST_TIMEOUT_MS, pollMs = 100): Promise<void> {
  while (ports.sinceLaunchMs() < timeoutMs) {
    const ready = await ports.isReady().catch(() => false);
    if (ready) {
      const mb = ports.mainMemoryBytes() / (1024 * 1024);
      ports.print(`smoke-test: ready ${Math.round(ports.sinceLaunchMs())} ms after launch, main process memory ${mb.toFixed(0)} MB`);
      ports.exit(0);
      return;
    }
    await ports.sleep(pollMs);
  }
  ports.print(`smoke-test: the sign-in screen was not ready within ${timeoutMs} ms`);
  ports.exit(1);
}
