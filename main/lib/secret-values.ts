/**
 * Secrets by value. Redaction by field name misses a secret that reaches a log inside a URL, an
 * error message or a stack. Main registers every secret value it handles (session cookie, SMS
 * key and code, API key and secret key, proxy password) here; the logger and the diagnostics
 * export scrub them from any text.
 *
 * Short values need care: a 4–5 character SMS code scrubbed everywhere would eat port numbers
 * and counts, so values shorter than MIN_ANYWHERE are scrubbed only as a whole token (no letter
 * or digit on either side); values shorter than MIN_REGISTERED are not kept at all (they cannot
 * be told from ordinary text and are no secret worth the name).
 */
const REDACTED = '[redacted]';
const MIN_REGISTERED = 4;
const MIN_ANYWHERE = 6;
/** Oldest values are forgotten first: a long session rotates its cookie many times. */
const MAX_VALUES = 256;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class SecretValues {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;

  /** Registers a value (and its URL-encoded form, for secrets that travel in query strings). */
  add(value: string | null | undefined): void {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (trimmed.length < MIN_REGISTERED) return;
    for (const form of new Set([trimmed, encodeURIComponent(trimmed)])) {
      this.values.delete(form);
      this.values.add(form);
    }
    while (this.values.size > MAX_VALUES) this.values.delete(this.values.values().next().value as string);
    this.pattern = null;
  }

  list(): string[] {
    return [...this.values];
  }

  scrub(text: string): string {
    if (this.values.size === 0 || text.length < MIN_REGISTERED) return text;
    this.pattern ??= this.compile();
    return text.replace(this.pattern, REDACTED);
  }

  clear(): void {
    this.values.clear();
    this.pattern = null;
  }

  private compile(): RegExp {
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...this.values].sort((a, b) => b.length - a.length);
    const parts = sorted.map((value) => (value.length >= MIN_ANYWHERE ? escapeRegExp(value) : `(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`));
    return new RegExp(parts.join('|'), 'g');
  }
}

/** The process's registry: every logger made by createLogger scrubs with it by default. */
export const secretValues = new SecretValues();

/** Registers a secret value main now holds (see SecretValues). */
export function registerSecret(value: string | null | undefined): void {
  secretValues.add(value);
}
