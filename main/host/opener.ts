/**
 * ExternalOpener adapters for the browser host. The core has already vetted the URL against
 * the payment allowlist before it gets here; these only decide *how* to show it.
 */
import { spawn } from 'node:child_process';
import type { ExternalOpener } from '../core/ports';

/** Prints the URL (the reliable path on a dev box) and tries the OS opener, best effort. */
export function systemOpener(print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ExternalOpener {
  return {
    async open(url: string): Promise<void> {
      print(`请在浏览器中打开: ${url}`);
      // Argument arrays, never a shell: payment URLs carry `&` and other shell metacharacters.
      const [command, args] =
        process.platform === 'darwin'
          ? ['open', [url]]
          : process.platform === 'win32'
            ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
            : ['xdg-open', [url]];
      try {
        const child = spawn(command, args, { stdio: 'ignore', detached: true });
        child.on('error', () => {
          /* no opener installed: the printed line is enough */
        });
        child.unref();
      } catch {
        /* same */
      }
    },
  };
}

/** Opens nothing; used under test hooks when no opener was injected. */
export const silentOpener: ExternalOpener = { open: async () => {} };

/** Wraps an opener and remembers every URL, for `GET /__yj/test/opened`. */
export function recordingOpener(inner: ExternalOpener): ExternalOpener & { readonly opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    async open(url: string): Promise<void> {
      opened.push(url);
      await inner.open(url);
    },
  };
}
