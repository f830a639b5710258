/**
 * "导出诊断信息": one zip a user can send to support — the app's facts and its logs, with no
 * secret in it. The logs are redacted when written (logger.ts); this pass scrubs them again,
 * because a log written by an older version, or a secret that reached a message by value, must
 * not leave the machine either: every value main knows to be secret is replaced wherever it
 * appears, and so are mobile numbers and cookie-shaped text.
 *
 * fflate writes the zip (docs/decisions.md: a small, well-kept library; zip by hand is not our job).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { writeFileAtomic } from '../lib/atomic-file';
import { LOG_FILE, PREVIOUS_LOG_FILE } from '../lib/log-file';
import { maskPhones } from '../lib/logger';
import { secretValues } from '../lib/secret-values';

export interface DiagnosticsFacts {
  version: string;
  runtime: 'electron' | 'browser-host';
  os: string;
  arch: string;
  versions: Record<string, string>;
  serverUrl: string;
  sessionPersistence: string;
  logFolder: string;
  /** Non-secret settings as stored (the caller leaves out anything secret). */
  settings: Record<string, unknown>;
  exportedAt: string;
}

export interface DiagnosticsInput {
  facts: DiagnosticsFacts;
  logDir: string;
  /** Secret values main holds right now (session cookie, keys, proxy password …). */
  knownSecrets: readonly string[];
  /** Where the zip goes (chosen by the user in a save dialog). */
  target: string;
}

export interface DiagnosticsResult {
  path: string;
  bytes: number;
  files: string[];
}

const SCRUBBED = '[redacted]';
/** `name=value` pairs of cookies and keys that reached a text verbatim. */
const COOKIE_LIKE = /\b(session|sessionid|sid|token|apikey|secretkey|password|passwd|smscode|sms_code)=([^;\s&"]+)/gi;
/** Secrets shorter than this are not scrubbed by value: they would eat ordinary words. */
const MIN_SECRET_LENGTH = 6;

export function scrubText(text: string, knownSecrets: readonly string[]): string {
  let out = text;
  const secrets = [...new Set(knownSecrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join(SCRUBBED);
  out = out.replace(COOKIE_LIKE, (_match, name: string) => `${name}=${SCRUBBED}`);
  return maskPhones(out);
}

export async function exportDiagnostics(input: DiagnosticsInput): Promise<DiagnosticsResult> {
  // What the caller knows plus every secret value main registered while running.
  input = { ...input, knownSecrets: [...input.knownSecrets, ...secretValues.list()] };
  const entries: Record<string, Uint8Array> = {
    'facts.json': strToU8(scrubText(`${JSON.stringify(input.facts, null, 2)}\n`, input.knownSecrets)),
  };
  for (const name of [LOG_FILE, PREVIOUS_LOG_FILE]) {
    const path = join(input.logDir, name);
    if (!existsSync(path)) continue;
    entries[`logs/${name}`] = strToU8(scrubText(readFileSync(path, 'utf8'), input.knownSecrets));
  }
  const zip = zipSync(entries, { level: 6 });
  await writeFileAtomic(input.target, zip, { mode: 0o600 });
  return { path: input.target, bytes: zip.byteLength, files: Object.keys(entries) };
}
