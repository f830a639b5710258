import { describe, expect, it } from 'vitest';
import { checkPhone, checkServerUrl, digitsOnly, normalizePhone } from './validation';

describe('checkPhone', () => {
  it.each([
    ['', 'typing', null],
    ['', 'complete', 'login.phoneEmpty'],
    ['138', 'typing', null],
    ['138', 'complete', 'login.phoneBadLength'],
    ['1380013800a', 'typing', 'login.phoneNotDigits'],
    ['2380013800', 'typing', 'login.phoneBadPrefix'],
    ['138001380001', 'typing', 'login.phoneBadLength'],
    ['13800138000', 'complete', null],
    ['138 0013 8000', 'complete', null],
    ['138-0013-8000', 'complete', null],
  ] as const)('%j (%s) → %s', (value, mode, expected) => {
    expect(checkPhone(value, mode)).toBe(expected);
  });

  it('normalises pasted separators', () => {
    expect(normalizePhone(' 138 0013-8000 ')).toBe('13800138000');
    expect(digitsOnly('12a3 45678910', 8)).toBe('12345678');
  });
});

describe('checkServerUrl', () => {
  it('accepts http(s) addresses, keeps a path prefix and drops trailing slashes', () => {
    expect(checkServerUrl(' https://yj.example.com/api/ ')).toEqual({ error: null, url: 'https://yj.example.com/api', insecure: false });
  });

  it('flags plain http to another machine, not to this one', () => {
    expect(checkServerUrl('http://yj.example.com').insecure).toBe(true);
    expect(checkServerUrl('http://127.0.0.1:4010').insecure).toBe(false);
    expect(checkServerUrl('http://localhost:4010').insecure).toBe(false);
    expect(checkServerUrl('http://[::1]:4010').insecure).toBe(false);
  });

  it.each([
    ['', 'url.empty'],
    ['example', 'url.invalid'],
    ['file:///etc/passwd', 'url.scheme'],
    ['javascript:alert(1)', 'url.scheme'],
    ['https://a:b@example.com', 'url.invalid'],
    ['https://example.com/?x=1', 'url.invalid'],
  ])('refuses %j', (value, error) => {
    expect(checkServerUrl(value).error).toBe(error);
  });
});
