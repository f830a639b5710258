import { describe, expect, it } from 'vitest';
import { contentRange, parseRange } from './http-range';

describe('parseRange', () => {
  const size = 1000;

  it.each([
    ['no header', undefined, { kind: 'full' }],
    ['first bytes', 'bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['the middle', 'bytes=400-599', { kind: 'partial', start: 400, end: 599 }],
    ['open-ended (a seek)', 'bytes=700-', { kind: 'partial', start: 700, end: 999 }],
    ['the probe of a player', 'bytes=0-', { kind: 'partial', start: 0, end: 999 }],
    ['a suffix', 'bytes=-500', { kind: 'partial', start: 500, end: 999 }],
    ['a suffix longer than the file', 'bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['an end past the file (clamped)', 'bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['the last byte', 'bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['spaces and case', ' Bytes = 10 - 19 ', { kind: 'partial', start: 10, end: 19 }],
    ['huge numbers', 'bytes=0-99999999999999999999999', { kind: 'partial', start: 0, end: 999 }],
    ['a start at the end', 'bytes=1000-', { kind: 'unsatisfiable' }],
    ['a start past the end', 'bytes=5000-6000', { kind: 'unsatisfiable' }],
    ['a huge start', 'bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
    ['an empty suffix', 'bytes=-0', { kind: 'unsatisfiable' }],
    ['several ranges: the whole file (documented choice)', 'bytes=0-1,5-9', { kind: 'full' }],
    ['another unit: ignored', 'items=0-5', { kind: 'full' }],
    ['a reversed range: ignored', 'bytes=9-5', { kind: 'full' }],
    ['junk: ignored', 'bytes=abc', { kind: 'full' }],
    ['nothing in it: ignored', 'bytes=-', { kind: 'full' }],
    ['negative numbers: ignored', 'bytes=-5-10', { kind: 'full' }],
  ] as const)('%s', (_name, header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('finds nothing to send in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange(undefined, 0)).toEqual({ kind: 'full' });
  });

  it('writes Content-Range for 206 and 416', () => {
    expect(contentRange({ kind: 'partial', start: 0, end: 99 }, 1000)).toBe('bytes 0-99/1000');
    expect(contentRange({ kind: 'unsatisfiable' }, 1000)).toBe('bytes */1000');
    expect(contentRange({ kind: 'full' }, 1000)).toBeNull();
  });
});
