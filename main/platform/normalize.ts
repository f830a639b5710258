/**
 * Small tolerant readers shared by the platform modules. The platform mixes spellings and wire
 * types (platform-api.md §1.5, §8); these helpers turn "whatever arrived" into one clean value
 * without throwing, so each module's normaliser stays short.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a plain object, or null. */
export function asRecord(value: unknown): JsonRecord | null {
  return isRecord(value) ? value : null;
}

/** Strings as-is, finite numbers as text (ids are strings on the wire, but be lenient). */
export function asString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Number.isFinite(value)) return String(value); // Number.isFinite is false for anything but a number
  return null;
}

/** A non-empty string after trimming, else null (nick names, optional labels). */
export function nonEmptyString(value: unknown): string | null {
  const text = asString(value);
  return text !== null && text.trim() !== '' ? text : null;
}

/** JSON-in-a-string fields (usages, input_fields, ioinfo): parse if a string, keep objects as-is. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

/** Money is "number or null" (CNY floats); numeric strings are accepted, anything else is null. */
export function toMoney(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value); // Number() ignores the spaces around
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** Rounds a CNY amount for display and comparisons (binary floats: 0.1 + 0.2). */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Fields that must never leave the platform layer (platform-api.md §9). */
const SECRET_USER_FIELDS = ['password', 'cfm_password'] as const;

/** Deletes password hashes from a user-like record in place (the parsed body is not kept either). */
export function stripUserSecrets(record: unknown): void {
  if (!isRecord(record)) return;
  for (const field of SECRET_USER_FIELDS) delete record[field];
}
