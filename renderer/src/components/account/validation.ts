/**
 * Input rules of the account screens, checked before anything is sent. Main validates again
 * (it treats the renderer as untrusted); these exist to give a clear message right away.
 * Results carry message keys under `account.*`, not text.
 */
import { locateJsonError } from './jsonCheck';

export const MAX_RECHARGE_AMOUNT = 50_000;
export const RECHARGE_PRESETS = [50, 100, 200, 500] as const;

export type RechargeAmountProblem = 'required' | 'notNumber' | 'positive' | 'decimals' | 'max';
export type Checked<T, P> = { ok: true; value: T } | { ok: false; problem: P };

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
  if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) return { ok: false, problem: 'decimals' };
  if (amount > MAX_RECHARGE_AMOUNT) return { ok: false, problem: 'max' };
  return { ok: true, value: Math.round(amount * 100) / 100 };
}

export const MAX_APP_NAME = 64;
export const MAX_DESCRIPTION = 200;

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
  else if (charCount(appName) > MAX_APP_NAME) problems.appName = 'tooLong';
  if (charCount(description) > MAX_DESCRIPTION) problems.description = 'tooLong';
  const allowedIps = normaliseIpList(form.allowedIps);
  if (allowedIps === null) problems.allowedIps = 'invalidIp';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const value: KeyApplication = { appName };
  if (description) value.description = description;
  if (allowedIps) value.allowedIps = allowedIps;
  return { ok: true, value };
}

export type UsageJsonProblem =
  | { kind: 'empty' }
  | { kind: 'syntax'; line: number; column: number; expected: string }
  | { kind: 'notObject'; found: 'array' | 'string' | 'number' | 'boolean' | 'null' };

/** The pricing test's usage dict: JSON whose top level is an object (§1.1, §3.15). */
export function parseUsageJson(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; problem: UsageJsonProblem } {
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  let value: unknown;
  try {
    const error = locateJsonError(text);
    if (error) return { ok: false, problem: { kind: 'syntax', line: error.line, column: error.column, expected: error.expected } };
    value = JSON.parse(text);
  } catch {
    // Only absurd nesting gets here (the scanner's recursion or the engine gave up).
    return { ok: false, problem: { kind: 'syntax', line: 1, column: 1, expected: 'less deeply nested JSON' } };
  }
  if (value === null) return { ok: false, problem: { kind: 'notObject', found: 'null' } };
  if (Array.isArray(value)) return { ok: false, problem: { kind: 'notObject', found: 'array' } };
  if (typeof value !== 'object') return { ok: false, problem: { kind: 'notObject', found: typeof value as 'string' | 'number' | 'boolean' } };
  return { ok: true, value: value as Record<string, unknown> };
}
