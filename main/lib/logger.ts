/**
 * The redacting logger: JSON lines with secrets removed at any depth (platform-api.md §9).
 * Callers pass structured fields; values under secret keys become "[redacted]" and 11-digit
 * mobile numbers keep only their last four digits, wherever they appear. Secret *values* main
 * registered (secret-values.ts) are scrubbed from every string too, whatever its field name.
 */
import { secretValues, type SecretValues } from './secret-values';

/** Redacting logger: callers pass structured fields; secrets are removed before writing. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Compared case-insensitively, with `-`/`_` ignored (Set-Cookie, set_cookie, x-api-key …). */
const SECRET_KEYS = new Set(
  ['password', 'cfm_password', 'apikey', 'aapikey', 'secretkey', 'key', 'sms_code', 'code', 'cookie', 'set-cookie', 'authorization', 'x-api-key', 'proxy-password', 'proxy-authorization'].map(
    canonicalKey,
  ),
);

const REDACTED = '[redacted]';
const MAX_DEPTH = 8;
/** Mainland mobile numbers, not digits inside longer runs (task ids are long digit strings). */
const PHONE_PATTERN = /(?<!\d)1\d{6}(\d{4})(?!\d)/g;

function canonicalKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(canonicalKey(key));
}

/** `scheme://user:password@` in any text (a proxy URL in an error message): the password goes. */
const URL_CREDENTIALS_PATTERN = /([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):[^\s/@]*@/gi;

export function maskPhones(text: string): string {
  return text.replace(PHONE_PATTERN, (_match, last4: string) => `*******${last4}`).replace(URL_CREDENTIALS_PATTERN, `$1:${REDACTED}@`);
}

/** A copy of `value` with secrets removed; safe for any JSON-ish input (cycles, errors, buffers). */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (typeof value === 'number' && Number.isInteger(value) && String(value).length === 11) return maskPhones(String(value));
  if (typeof value === 'bigint') return maskPhones(value.toString());
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (value instanceof Error) {
    const error: Record<string, unknown> = { name: value.name, message: maskPhones(value.message) };
    const code = (value as { code?: unknown }).code;
    // An AppError code is a contract error code, not an SMS code: keep it.
    if (typeof code === 'string') error.errorCode = code;
    return error;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) ? REDACTED : redact(item, depth + 1, seen);
  }
  return out;
}

/** Scrubs registered secret values from every string of an already redacted value. */
function scrubStrings(value: unknown, secrets: SecretValues): unknown {
  if (typeof value === 'string') return secrets.scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubStrings(item, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubStrings(item, secrets);
    return out;
  }
  return value;
}

export interface Writable {
  write(chunk: string): unknown;
}

export interface LoggerOptions {
  /** Where JSON lines go; stderr by default. */
  stream?: Writable;
  /** Fixed fields added to every line (e.g. { scope: 'main' }). */
  base?: Record<string, unknown>;
  now?: () => number;
  /** Secret values to scrub; the process registry by default. */
  secrets?: SecretValues;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const base = options.base ?? {};
  const secrets = options.secrets ?? secretValues;

  function write(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void {
    const time = new Date(now()).toISOString();
    const msg = maskPhones(message);
    const line: Record<string, unknown> = {
      time,
      level,
      msg,
      ...(redact(base) as Record<string, unknown>),
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    // Fields never override the line's own keys.
    Object.assign(line, { time, level, msg });
    try {
      // Secret values: per string first (JSON would escape a quote or backslash inside a secret),
      // then over the whole line (the message, and anything a field name did not give away).
      stream.write(`${secrets.scrub(JSON.stringify(scrubStrings(line, secrets)))}\n`);
    } catch {
      // Logging must never break the caller.
    }
  }

  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** A logger that drops everything (tests that do not care). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
