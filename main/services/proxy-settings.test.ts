import { describe, expect, it } from 'vitest';
import { proxySettingsSchema, validateProxyUrl } from './proxy-settings';

describe('validateProxyUrl', () => {
  it('normalises to scheme://[user@]host:port and assumes http without a scheme', () => {
    expect(validateProxyUrl('proxy.corp:3128')).toEqual({ ok: true, url: 'http://proxy.corp:3128' });
    expect(validateProxyUrl('socks5://alice@10.0.0.2:1080/')).toEqual({ ok: true, url: 'socks5://alice@10.0.0.2:1080' });
  });

  it('refuses a password in the address, other schemes and paths', () => {
    expect(validateProxyUrl('http://alice:secret@proxy.corp:3128')).toMatchObject({ ok: false, reason: expect.stringContaining('password') });
    expect(validateProxyUrl('ftp://proxy.corp')).toMatchObject({ ok: false });
    expect(validateProxyUrl('http://proxy.corp/pac.js')).toMatchObject({ ok: false });
  });
});

describe('proxySettingsSchema', () => {
  it('needs an address for a custom proxy only', () => {
    expect(proxySettingsSchema.safeParse({ mode: 'custom', url: '', bypass: '' }).success).toBe(false);
    expect(proxySettingsSchema.parse({ mode: 'system', url: '', bypass: '' })).toEqual({ mode: 'system', url: '', bypass: '' });
    expect(proxySettingsSchema.safeParse({ mode: 'custom', url: 'http://p:1', bypass: '', password: 'x' }).success).toBe(false);
  });
});
