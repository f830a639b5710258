/**
 * Input rules of every screen, checked before anything is sent. Main validates again (it treats
 * the renderer as untrusted); these exist to give a clear message right away. The bounds come
 * from the contract's limits, the one source main's schemas use too.
 */
import {
  APP_DESCRIPTION_MAX_LENGTH,
  APP_NAME_MAX_LENGTH,
  PHONE_LENGTH,
  RECHARGE_MAX_AMOUNT,
  RECHARGE_MAX_DECIMALS,
  RECHARGE_MIN_AMOUNT,
} from '@contract/limits';

export type RechargeAmountProblem = 'required' | 'notNumber' | 'positive' | 'decimals' | 'max';
export type Checked<T, P> = { ok: true; value: T } | { ok: false; problem: P };

const CENTS = 10 ** RECHARGE_MAX_DECIMALS;

/** Digits with an optional fraction; no signs, exponents or thousands separators. */
const PLAIN_NUMBER = /^\d+(\.\d*)?$|^\.\d+$/;

/**
 * A recharge amount in CNY: positive, at most 2 decimals, at most 50 000 (platform-api.md §3.3, §7).
 * Accepts what the user typed ("100", "0.01") or a number from a preset.
 */
export function checkRechargeAmount(input: string | number | null | undefined): Checked<number, RechargeAmountProblem> {
  if (input === null || input === undefined) return { ok: false, problem: 'required' };
  const text = (typeof input === 'number' ? String(input) : input).trim();
  if (text === '') return { ok: false, problem: 'required' };
  if (/^-\s*[\d.]/.test(text)) return { ok: false, problem: 'positive' };
  const amount = Number(text);
  if (!Number.isFinite(amount)) return { ok: false, problem: 'notNumber' };
  if (amount <= 0) return { ok: false, problem: 'positive' };
  if (typeof input === 'string' && !PLAIN_NUMBER.test(text)) return { ok: false, problem: 'notNumber' };
  if (Math.abs(amount * CENTS - Math.round(amount * CENTS)) > 1e-6) return { ok: false, problem: 'decimals' };
  if (amount > RECHARGE_MAX_AMOUNT) return { ok: false, problem: 'max' };
  // Below the minimum only when rounding made it so (0 < amount < 0.01 fails "decimals" first).
  if (amount < RECHARGE_MIN_AMOUNT) return { ok: false, problem: 'positive' };
  return { ok: true, value: Math.round(amount * CENTS) / CENTS };
}

export interface KeyApplicationForm {
  appName: string;
  description: string;
  allowedIps: string;
}

export interface KeyApplication {
  appName: string;
  description?: string;
  allowedIps?: string;
}

export type KeyApplicationProblems = Partial<Record<keyof KeyApplicationForm, 'required' | 'tooLong' | 'invalidIp'>>;

/** Counted like main's schema counts them (UTF-16 units), so both sides agree on the limit. */
function charCount(value: string): number {
  return value.length;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(value: string): boolean {
  if (!value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  let groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups and only ends the address.
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!IPV4.test(last) || !value.endsWith(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  if (groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || isIpv6(value);
}

/** The comma-separated list without spaces, '' for "any IP", null when an entry is not an IP. */
export function normaliseIpList(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const entries = trimmed.split(/[,，]/).map((entry) => entry.trim());
  return entries.every(isIpAddress) ? entries.join(',') : null;
}

/** §3.5 fields: app name required (≤ 64), description optional (≤ 200), IPs optional. */
export function checkKeyApplication(form: KeyApplicationForm): { ok: true; value: KeyApplication } | { ok: false; problems: KeyApplicationProblems } {
  const problems: KeyApplicationProblems = {};
  const appName = form.appName.trim();
  const description = form.description.trim();
  if (appName === '') problems.appName = 'required';
  else if (charCount(appName) > APP_NAME_MAX_LENGTH) problems.appName = 'tooLong';
  if (charCount(description) > APP_DESCRIPTION_MAX_LENGTH) problems.description = 'tooLong';
  const allowedIps = normaliseIpList(form.allowedIps);
  if (allowedIps === null) problems.allowedIps = 'invalidIp';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const value: KeyApplication = { appName };
  if (description) value.description = description;
  if (allowedIps) value.allowedIps = allowedIps;
  return { ok: true, value };
}

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
