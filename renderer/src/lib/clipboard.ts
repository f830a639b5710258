/**
 * Copying secrets (API key, secret key, a curl line holding the key) to the clipboard, and
 * taking them back out after 60 s so they do not linger there for days.
 *
 * In the desktop app main does both (`clipboard.copySecret`): a window without focus may not
 * touch the clipboard, and after 60 s the user is usually pasting in another app. Where main
 * has no clipboard (the browser host) the page does it itself, as below.
 *
 * The timer outlives the dialog on purpose: closing the dialog must not cancel the clean-up.
 * It holds no secret: only a fingerprint of what was copied (to recognise it when reading the
 * clipboard back) and the sequence number of our own write.
 *
 * Reading the clipboard back needs a permission that is often refused (Electron's permission
 * handler denies `clipboard-read`; browsers may prompt). When reading is refused we still clear,
 * but only if the last clipboard write this app made is that secret: the user may since have
 * copied something in another app, which we cannot see — we accept wiping that rather than
 * leaving a credential on the clipboard.
 */

import { api } from '@/api';

export const CLIPBOARD_CLEAR_MS = 60_000;

/** Sequence number of this app's clipboard writes (not a secret). */
let lastWrite = 0;

/** FNV-1a over UTF-16 units with two offsets: 64 bits to recognise a value, useless to recover it. */
export function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16)}:${b.toString(16)}:${text.length}`;
}

function clipboard(): Clipboard {
  if (typeof navigator === 'undefined' || !navigator.clipboard) throw new Error('Clipboard API unavailable');
  return navigator.clipboard;
}

/** Copies ordinary text (bumps the write sequence, so an older secret's timer no longer clears blindly). */
export async function copyText(text: string): Promise<void> {
  await clipboard().writeText(text);
  lastWrite += 1;
}

async function clearIfStillThere(write: number, print: string): Promise<void> {
  let current: string;
  try {
    current = await clipboard().readText();
  } catch {
    if (write === lastWrite) await clipboard().writeText('').catch(() => undefined);
    return;
  }
  if (fingerprint(current) === print) await clipboard().writeText('').catch(() => undefined);
}

/** Copies a secret and schedules its removal from the clipboard after `clearAfterMs`. */
export async function copySecret(text: string, clearAfterMs = CLIPBOARD_CLEAR_MS): Promise<void> {
  if ((await api.call('clipboard.copySecret', { text })).handled) return;
  await clipboard().writeText(text);
  const write = ++lastWrite;
  const print = fingerprint(text);
  setTimeout(() => void clearIfStillThere(write, print).catch(() => undefined), clearAfterMs);
}
