/**
 * An API-key application (platform-api.md §3.5), checked before it is sent (main checks again):
 * the app name, a description, and the IP addresses allowed to use the key.
 */
import { APP_DESCRIPTION_MAX_LENGTH, APP_NAME_MAX_LENGTH } from '@contract/limits';

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
