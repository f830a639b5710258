/** The tolerant readers every platform module decodes with: what they accept and what they refuse. */
import { describe, expect, it } from 'vitest';
import { asRecord, asString, isRecord, nonEmptyString, parseMaybeJson, roundMoney, stripUserSecrets, toMoney } from './normalize';

describe('records', () => {
  it('a plain object is a record; null, lists and scalars are not', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    for (const value of [null, undefined, [], [1], 'x', 3, true]) expect(isRecord(value)).toBe(false);
    const record = { id: 'u1' };
    expect(asRecord(record)).toBe(record);
    expect(asRecord([record])).toBeNull();
    expect(asRecord(null)).toBeNull();
  });
});

describe('text', () => {
  it('ids: strings as they are, finite numbers as text, anything else null', () => {
    expect(asString('')).toBe('');
    expect(asString(' a ')).toBe(' a ');
    expect(asString(42)).toBe('42');
    expect(asString(0)).toBe('0');
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, {}]) expect(asString(value)).toBeNull();
  });
  it('labels: blank text is no label, the text is kept untrimmed otherwise', () => {
    expect(nonEmptyString('  ')).toBeNull();
    expect(nonEmptyString('')).toBeNull();
    expect(nonEmptyString(null)).toBeNull();
    expect(nonEmptyString(' 小明 ')).toBe(' 小明 ');
    expect(nonEmptyString(7)).toBe('7');
  });
});

describe('parseMaybeJson', () => {
  it('parses JSON text, keeps objects and non-strings as they are', () => {
    expect(parseMaybeJson(' {"duration": 5} ')).toEqual({ duration: 5 });
    expect(parseMaybeJson('[1,2]')).toEqual([1, 2]);
    const object = { a: 1 };
    expect(parseMaybeJson(object)).toBe(object);
    expect(parseMaybeJson(5)).toBe(5);
    expect(parseMaybeJson(undefined)).toBeUndefined();
  });
  it('blank text is null; text that is not JSON comes back unchanged (not thrown)', () => {
    expect(parseMaybeJson('   ')).toBeNull();
    expect(parseMaybeJson('')).toBeNull();
    expect(parseMaybeJson(' not json ')).toBe(' not json ');
  });
});

describe('money', () => {
  it('numbers and numeric strings (trimmed); blanks, garbage and non-finite values are null', () => {
    expect(toMoney(4.5)).toBe(4.5);
    expect(toMoney(0)).toBe(0);
    expect(toMoney(' 12.30 ')).toBe(12.3);
    expect(toMoney('-1')).toBe(-1);
    for (const value of ['', '   ', 'abc', '1e999', Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, {}]) {
      expect(toMoney(value)).toBeNull();
    }
  });
  it('rounds to cents: binary-float noise disappears, halves round up', () => {
    expect(roundMoney(0.1 + 0.2)).toBe(0.3);
    expect(roundMoney(2.345)).toBe(2.35);
    expect(roundMoney(2.344)).toBe(2.34);
    expect(roundMoney(126.5)).toBe(126.5);
  });
});

describe('stripUserSecrets', () => {
  it('deletes the password hashes and keeps every other field', () => {
    const user: Record<string, unknown> = { id: 'u1', password: 'hash', cfm_password: 'hash', mobile: '139' };
    stripUserSecrets(user);
    expect(user).toEqual({ id: 'u1', mobile: '139' });
  });
  it('ignores what is not a record', () => {
    const list = ['password'];
    expect(() => stripUserSecrets(list)).not.toThrow();
    expect(list).toEqual(['password']);
    expect(() => stripUserSecrets(null)).not.toThrow();
  });
});
