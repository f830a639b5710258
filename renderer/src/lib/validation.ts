/**
 * Input checks of the sign-in and server screens. They return an i18n key (or null when valid)
 * so the message follows the UI language. Main validates again (it treats the renderer as
 * untrusted); these give a clear message right away.
 */
import { PHONE_LENGTH } from '@contract/limits';

/** `typing`: only complain about what is already wrong; `complete`: the value must be whole. */
export type CheckMode = 'typing' | 'complete';

/** Spaces and dashes are how people paste numbers ("139 0000 0001"); they carry no meaning. */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '');
}

/** Mainland mobile numbers: 11 digits starting with 1 (platform-api.md §3.1). */
export function checkPhone(raw: string, mode: CheckMode): string | null {
  const phone = normalizePhone(raw);
  if (!phone) return mode === 'complete' ? 'login.phoneEmpty' : null;
  if (/\D/.test(phone)) return 'login.phoneNotDigits';
  if (!phone.startsWith('1')) return 'login.phoneBadPrefix';
  if (phone.length > PHONE_LENGTH) return 'login.phoneBadLength';
  if (phone.length < PHONE_LENGTH && mode === 'complete') return 'login.phoneBadLength';
  return null;
}

export function digitsOnly(raw: string, maxLength: number): string {
  return raw.replace(/\D/g, '').slice(0, maxLength);
}

export interface UrlCheck {
  /** i18n key of the problem, null when the address can be saved. */
  error: string | null;
  /** The address to save: trimmed, without trailing slashes. */
  url: string;
  /** Plain http to a host other than this machine. */
  insecure: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function checkServerUrl(raw: string): UrlCheck {
  const url = raw.trim().replace(/\/+$/, '');
  if (!url) return { error: 'url.empty', url, insecure: false };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { error: 'url.invalid', url, insecure: false };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { error: 'url.scheme', url, insecure: false };
  // Credentials in the address would be sent to the server on every call; refuse them.
  if (!parsed.hostname || parsed.username || parsed.password || parsed.search || parsed.hash) {
    return { error: 'url.invalid', url, insecure: false };
  }
  return { error: null, url, insecure: parsed.protocol === 'http:' && !LOOPBACK.test(parsed.hostname) };
}
