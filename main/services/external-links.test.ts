import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './external-links';

const LOCAL = 'http://127.0.0.1:4310';
const OFFICIAL = 'https://token.example.cn';

describe('checkExternalUrl', () => {
  const allowed: [string, string | null][] = [
    ['https://openapi.alipay.com/gateway.do?charset=utf-8&sign=abc%2Bdef', null],
    ['https://mapi.alipay.com/gateway.do?x=1', null],
    ['https://excashier.alipay.com/standard/auth.htm?payOrderId=1', OFFICIAL],
    ['https://openapi-sandbox.dl.alipaydev.com/gateway.do?a=b', LOCAL],
    ['https://excashier-sandbox.dl.alipaydev.com/x', null],
    ['https://OPENAPI.ALIPAY.COM/gateway.do', null], // host names are case-insensitive
    ['https://token.example.cn/unipay/redirect?o=1', OFFICIAL], // the platform host itself
    [`${LOCAL}/__sim/pay/ord_1`, LOCAL], // the local simulator's own page (demo)
    ['http://localhost:8080/__sim/pay/x', 'http://localhost:8080/'],
    ['http://[::1]:9000/pay', 'http://[::1]:9000'],
  ];
  it.each(allowed)('allows %s (platform %s)', (url, base) => {
    const result = checkExternalUrl(url, base);
    expect(result.ok).toBe(true);
  });

  const refused: [string, string, string | null][] = [
    ['plain http to Alipay', 'http://openapi.alipay.com/gateway.do', null],
    ['javascript:', 'javascript:alert(1)', OFFICIAL],
    ['file:', 'file:///etc/passwd', OFFICIAL],
    ['data:', 'data:text/html,<script>alert(1)</script>', OFFICIAL],
    ['ftp:', 'ftp://openapi.alipay.com/x', null],
    ['wrong host', 'https://evil.cn/gateway.do', OFFICIAL],
    ['lookalike suffix', 'https://openapi.alipay.com.evil.cn/gateway.do', null],
    ['lookalike prefix', 'https://fakeopenapi.alipay.com/gateway.do', null],
    ['lookalike subdomain', 'https://x.openapi.alipay.com/gateway.do', null],
    ['parent domain only', 'https://alipay.com/', null],
    ['trailing dot', 'https://openapi.alipay.com./gateway.do', null],
    ['credentials', 'https://user:pass@openapi.alipay.com/gateway.do', null],
    ['username only', 'https://openapi.alipay.com@evil.cn/gateway.do', null],
    ['platform host with credentials', 'https://a:b@token.example.cn/', OFFICIAL],
    ['platform host on another port', 'https://token.example.cn:8443/', OFFICIAL],
    ['http to a non-loopback platform', 'http://token.example.cn/pay', 'http://token.example.cn'],
    ['http loopback but not the platform origin', 'http://127.0.0.1:9999/pay', LOCAL],
    ['http loopback without a platform', `${LOCAL}/__sim/pay/x`, null],
    ['http to another host while the platform is loopback', 'http://evil.cn/pay', LOCAL],
    ['https platform host missing (no base)', 'https://token.example.cn/x', null],
    ['embedded newline', 'https://openapi.alipay.com/gate\nway.do', null],
    ['leading space', ' https://openapi.alipay.com/gateway.do', null],
    ['not a URL', 'openapi.alipay.com/gateway.do', null],
    ['empty', '', null],
    ['too long', `https://openapi.alipay.com/?q=${'a'.repeat(20_000)}`, null],
  ];
  it.each(refused)('refuses %s', (_label, url, base) => {
    const result = checkExternalUrl(url, base);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/\S+ \/ \S+/); // Chinese / English
  });

  it('returns the canonical form it checked, so the OS opens exactly that', () => {
    const result = checkExternalUrl('https://openapi.alipay.com\\@evil.cn/', null);
    // WHATWG treats `\` as `/`: the host is Alipay's and the rest is path — and that is what is returned.
    expect(result).toEqual({ ok: true, url: 'https://openapi.alipay.com/@evil.cn/' });
  });

  it('keeps a signed query string byte for byte', () => {
    const url = 'https://openapi.alipay.com/gateway.do?biz_content=%7B%22a%22%3A1%7D&sign=Ab%2B%2F%3D';
    expect(checkExternalUrl(url, null)).toEqual({ ok: true, url });
  });
});

describe('checkExternalUrl for a task result (anyHttpsHost)', () => {
  it('allows any https host, still refusing credentials, other schemes and whitespace', () => {
    const result = { anyHttpsHost: true };
    expect(checkExternalUrl('https://cdn.vendor.example/v.mp4?Expires=1', null, result)).toEqual({ ok: true, url: 'https://cdn.vendor.example/v.mp4?Expires=1' });
    expect(checkExternalUrl('https://cdn.vendor.example/v.mp4', null).ok).toBe(false);
    expect(checkExternalUrl('https://u:p@cdn.vendor.example/v.mp4', null, result).ok).toBe(false);
    expect(checkExternalUrl('http://cdn.vendor.example/v.mp4', null, result).ok).toBe(false);
    expect(checkExternalUrl('file:///etc/passwd', null, result).ok).toBe(false);
    expect(checkExternalUrl('https://cdn.vendor.example/v .mp4', null, result).ok).toBe(false);
  });
});
