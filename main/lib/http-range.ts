/**
 * The `Range` request header (RFC 9110 §14) for one file of a known size, as the media routes
 * need it: a `<video>` seeks with `bytes=N-`, probes with `bytes=0-` and reads the end of an
 * MP4 (its index) with `bytes=-N`. Pure, so the Electron protocol handler and the browser host
 * answer alike.
 *
 * Choices (all allowed by RFC 9110):
 * - several ranges (`bytes=0-1,5-9`) are answered with the whole file (200): no player needs
 *   multipart/byteranges, and a server may ignore Range;
 * - a header that does not parse (another unit, `5-1`, junk) is ignored, also a 200;
 * - a well-formed range that starts at or past the end (or `bytes=-0`, or any range of an
 *   empty file) is unsatisfiable: 416 with `Content-Range: bytes * /<size>`.
 */

export type RangeAnswer =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/** Longer digit strings are beyond any file we could serve; they are treated as "infinitely far". */
const MAX_DIGITS = 15;
const FULL: RangeAnswer = { kind: 'full' };
const UNSATISFIABLE: RangeAnswer = { kind: 'unsatisfiable' };

function toNumber(digits: string): number {
  return digits.length > MAX_DIGITS ? Number.POSITIVE_INFINITY : Number(digits);
}

/** What to send for `header` (the raw Range value, or undefined) and a file of `size` bytes. */
export function parseRange(header: string | undefined | null, size: number): RangeAnswer {
  if (header === undefined || header === null) return FULL;
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return FULL;
  const specs = match[1]!.split(',').map((s) => s.trim());
  if (specs.length !== 1) return FULL;
  const spec = /^(\d*)\s*-\s*(\d*)$/.exec(specs[0]!);
  if (!spec) return FULL;
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return FULL;
  if (first === '') {
    // Suffix: the last N bytes.
    const length = toNumber(last);
    if (length === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = toNumber(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : toNumber(last);
  if (end < start) return FULL;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

/** The `Content-Range` value of an answer (206: `bytes a-b/size`; 416: `bytes * /size`). */
export function contentRange(answer: RangeAnswer, size: number): string | null {
  if (answer.kind === 'partial') return `bytes ${answer.start}-${answer.end}/${size}`;
  if (answer.kind === 'unsatisfiable') return `bytes */${size}`;
  return null;
}
