import { describe, expect, it } from 'vitest';
import { checkKeyApplication, normaliseIpList } from './keyApplication';

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
