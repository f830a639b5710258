import { describe, expect, it } from 'vitest';
import { isInsecureServer, resolveServer, validateServerUrl } from './server-config';

const settings = (serverProfile: 'official' | 'simulator' | 'custom', customServerUrl = '', simulatorUrl = 'http://127.0.0.1:4010') => ({
  serverProfile,
  customServerUrl,
  simulatorUrl,
});

describe('validateServerUrl', () => {
  it('accepts http(s) with an optional path prefix and drops trailing slashes', () => {
    expect(validateServerUrl(' https://yj.example.com/ ')).toEqual({ ok: true, url: 'https://yj.example.com' });
    expect(validateServerUrl('http://10.0.0.5:8080/platform//')).toEqual({ ok: true, url: 'http://10.0.0.5:8080/platform' });
  });
  it.each(['ftp://x.example', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@x.example', 'https://x.example/?a=1', 'not a url', ''])(
    'refuses %s',
    (url) => {
      expect(validateServerUrl(url).ok).toBe(false);
    },
  );
});

describe('isInsecureServer', () => {
  it('flags http to a non-loopback host only', () => {
    expect(isInsecureServer('http://yj.example.com')).toBe(true);
    expect(isInsecureServer('http://192.168.1.2:9000')).toBe(true);
    expect(isInsecureServer('https://yj.example.com')).toBe(false);
    expect(isInsecureServer('http://127.0.0.1:4010')).toBe(false);
    expect(isInsecureServer('http://localhost:4010')).toBe(false);
    expect(isInsecureServer('http://[::1]:4010')).toBe(false);
  });
});

describe('resolveServer', () => {
  const official = 'https://official.example';
  it('env wins over everything', () => {
    expect(resolveServer({ envServerUrl: 'http://127.0.0.1:9/', officialServerUrl: official, settings: settings('custom', 'https://c.example') })).toEqual({
      url: 'http://127.0.0.1:9',
      source: 'env',
      insecure: false,
    });
  });
  it('an invalid env address is ignored', () => {
    expect(resolveServer({ envServerUrl: 'ftp://x', officialServerUrl: official, settings: settings('official') }).source).toBe('build');
  });
  it('follows the profile', () => {
    expect(resolveServer({ officialServerUrl: official, settings: settings('official') })).toMatchObject({ url: official, source: 'build' });
    expect(resolveServer({ officialServerUrl: official, settings: settings('simulator') })).toMatchObject({ url: 'http://127.0.0.1:4010', source: 'settings' });
    expect(resolveServer({ officialServerUrl: official, settings: settings('custom', 'http://yj.example.com') })).toEqual({
      url: 'http://yj.example.com',
      source: 'settings',
      insecure: true,
    });
  });
  it('falls back to the build-time address, then to none', () => {
    expect(resolveServer({ officialServerUrl: official, settings: settings('custom', '') })).toMatchObject({ url: official, source: 'build' });
    expect(resolveServer({ officialServerUrl: '', settings: settings('custom', '') })).toEqual({ url: null, source: 'none', insecure: false });
    expect(resolveServer({ officialServerUrl: '', settings: settings('official') })).toEqual({ url: null, source: 'none', insecure: false });
  });
});
