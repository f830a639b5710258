/**
 * ExternalOpener over shell.openExternal. Callers vet URLs with checkExternalUrl first; this
 * re-checks the scheme as a last line, because openExternal hands the string to the OS and a
 * `file:`, `smb:` or custom-protocol URL there can launch programs.
 */
import type { Shell } from 'electron';
import { AppError } from '../lib/errors';
import type { ExternalOpener } from '../core/ports';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** https anywhere; http only to this machine (the local simulator's payment page). */
export function isOpenableScheme(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') return false;
    if (parsed.protocol === 'https:') return true;
    return parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname);
  } catch {
    return false;
  }
}

export function createShellOpener(shell: Pick<Shell, 'openExternal'>): ExternalOpener {
  return {
    async open(url) {
      if (!isOpenableScheme(url)) throw new AppError('url_refused', 'Only https links may be opened');
      // Reviewed: only https (or loopback http) URLs without credentials get here (isOpenableScheme).
      await shell.openExternal(url, { activate: true }); // eng-disable OPEN_EXTERNAL_JS_CHECK
    },
  };
}
