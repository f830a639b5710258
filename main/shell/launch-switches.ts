/**
 * Launcher switches a packaged app refuses to start with. Each hands the page (and so window.yj,
 * which can reveal API keys and spend money) or the process to someone else, or quietly turns
 * off a protection the app relies on. The fuses already refuse Node's --inspect family; these
 * are Chromium's. A developer build (not packaged) accepts them all.
 */
export const FORBIDDEN_LAUNCH_SWITCHES = [
  // A debugger attached to the renderer or the browser process.
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
  // Another program started in place of, or wrapped around, our own processes.
  'renderer-cmd-prefix',
  'gpu-launcher',
  'utility-cmd-prefix',
  'browser-subprocess-path',
  // Code loaded into the renderer, or V8 flags that expose internals.
  'load-extension',
  'js-flags',
  // Protections switched off: the sandbox, same-origin checks, certificate checks, and where
  // host names resolve (a silent man-in-the-middle for the platform session).
  'no-sandbox',
  'disable-web-security',
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'host-rules',
  'host-resolver-rules',
  'disable-site-isolation-trials',
] as const;

export type ForbiddenLaunchSwitch = (typeof FORBIDDEN_LAUNCH_SWITCHES)[number];

/**
 * The forbidden switches present at launch. Chromium's own parser (`hasSwitch`) and the raw
 * argv are both read: Chromium ignores a switch it does not know, but the argv still shows an
 * attempt, and a switch placed after `--` would reach neither.
 */
export function findForbiddenLaunchSwitches(argv: readonly string[], hasSwitch: (name: string) => boolean): ForbiddenLaunchSwitch[] {
  const inArgv = new Set<string>();
  for (const arg of argv) {
    if (arg === '--') break;
    const match = /^--?([a-z0-9-]+)(=|$)/i.exec(arg);
    if (match) inArgv.add(match[1].toLowerCase());
  }
  return FORBIDDEN_LAUNCH_SWITCHES.filter((name) => inArgv.has(name) || hasSwitch(name));
}
