import { describe, expect, it } from 'vitest';
import { checkKeyApplication, checkPhone, checkRechargeAmount, checkServerUrl, digitsOnly, normaliseIpList, normalizePhone } from './validation';
import { translator } from '@/testing/fixtures';

const t = translator('zh-CN');

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

describe('recharge amount', () => {
  it.each([
    [0, 'positive'],
    ['0', 'positive'],
    [-1, 'positive'],
    ['-1', 'positive'],
    [1.234, 'decimals'],
    ['1.234', 'decimals'],
    [50001, 'max'],
    ['50001', 'max'],
    ['abc', 'notNumber'],
    ['1e3', 'notNumber'],
    ['Infinity', 'notNumber'],
    ['', 'required'],
    [null, 'required'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(checkRechargeAmount(input)).toEqual({ ok: false, problem });
  });

  it.each([
    [100, 100],
    ['100', 100],
    [0.01, 0.01],
    ['0.01', 0.01],
    [' 99.50 ', 99.5],
    ['50000', 50000],
    [0.29, 0.29],
  ])('accepts %j', (input, value) => {
    expect(checkRechargeAmount(input)).toEqual({ ok: true, value });
  });

  it('has a clear message for every problem, in both languages', () => {
    for (const problem of ['required', 'notNumber', 'positive', 'decimals', 'max']) {
      expect(t(`account.recharge.errors.${problem}`)).not.toContain('account.');
      expect(translator('en')(`account.recharge.errors.${problem}`)).not.toContain('account.');
    }
    expect(t('account.recharge.errors.max')).toBe('单次充值不能超过 ¥50,000');
  });
});

describe('API key application', () => {
  const form = (overrides: Partial<{ appName: string; description: string; allowedIps: string }> = {}) => ({
    appName: '剪辑工作室',
    description: '',
    allowedIps: '',
    ...overrides,
  });

  it('requires an app name of at most 64 characters', () => {
    expect(checkKeyApplication(form({ appName: '  ' }))).toEqual({ ok: false, problems: { appName: 'required' } });
    expect(checkKeyApplication(form({ appName: '名'.repeat(65) }))).toEqual({ ok: false, problems: { appName: 'tooLong' } });
    expect(checkKeyApplication(form({ appName: '名'.repeat(64) })).ok).toBe(true);
    // Counted in UTF-16 units, like main's schema: 33 emoji are 66 units.
    expect(checkKeyApplication(form({ appName: '🎬'.repeat(33) }))).toEqual({ ok: false, problems: { appName: 'tooLong' } });
  });

  it('limits the description to 200 characters', () => {
    expect(checkKeyApplication(form({ description: 'x'.repeat(201) }))).toEqual({ ok: false, problems: { description: 'tooLong' } });
    expect(checkKeyApplication(form({ description: 'x'.repeat(200) })).ok).toBe(true);
  });

  it('accepts a comma list of IPv4/IPv6 addresses and rejects anything else', () => {
    expect(normaliseIpList(' 10.0.0.1 , 192.168.1.20，::1 ')).toBe('10.0.0.1,192.168.1.20,::1');
    expect(normaliseIpList('2001:db8::8a2e:370:7334,::ffff:1.2.3.4')).toBe('2001:db8::8a2e:370:7334,::ffff:1.2.3.4');
    expect(normaliseIpList('')).toBe('');
    for (const bad of ['10.0.0.256', 'example.com', '10.0.0.1,', '1.2.3', '10.0.0.0/8', '1::2::3', ':::']) {
      expect(normaliseIpList(bad), bad).toBeNull();
    }
    expect(checkKeyApplication(form({ allowedIps: 'abc' }))).toEqual({ ok: false, problems: { allowedIps: 'invalidIp' } });
  });

  it('sends trimmed values and leaves empty optional fields out', () => {
    expect(checkKeyApplication(form({ appName: ' 工作室 ', description: ' 批量出片 ', allowedIps: '1.2.3.4, 5.6.7.8' }))).toEqual({
      ok: true,
      value: { appName: '工作室', description: '批量出片', allowedIps: '1.2.3.4,5.6.7.8' },
    });
    expect(checkKeyApplication(form())).toEqual({ ok: true, value: { appName: '剪辑工作室' } });
  });
});
