/**
 * The `proxy` setting's schema. The URL may name a user but never carry a password: the
 * password goes to the SecretBox (`network.setProxyPassword`), never into settings.json.
 */
import { z } from 'zod';
import type { ProxySettings } from '../../preload/contract/models';

export const PROXY_SCHEMES = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;

export const DEFAULT_PROXY: ProxySettings = { mode: 'system', url: '', bypass: '' };

export type ProxyUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function validateProxyUrl(text: string): ProxyUrlCheck {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `http://${text}`);
  } catch {
    return { ok: false, reason: '代理地址格式不正确 / The proxy address is not a valid URL' };
  }
  if (!(PROXY_SCHEMES as readonly string[]).includes(url.protocol)) {
    return { ok: false, reason: '代理只支持 http、https、socks5 / Only http, https and socks5 proxies are supported' };
  }
  if (url.password) {
    return { ok: false, reason: '密码请填在密码栏，不要写进地址 / Put the password in the password field, not in the address' };
  }
  if (!url.hostname) return { ok: false, reason: '代理地址缺少主机名 / The proxy address has no host' };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return { ok: false, reason: '代理地址只需主机和端口 / A proxy address is only a host and a port' };
  }
  return { ok: true, url: `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}` };
}

export const proxySettingsSchema = z
  .object({
    mode: z.enum(['system', 'none', 'custom']),
    url: z.string().trim().max(2048),
    bypass: z.string().max(4096),
  })
  .strict()
  .transform((value, context) => {
    if (value.url === '') {
      if (value.mode === 'custom') {
        context.addIssue({ code: 'custom', path: ['url'], message: '请填写代理地址 / Enter the proxy address' });
        return z.NEVER;
      }
      return value;
    }
    const check = validateProxyUrl(value.url);
    if (!check.ok) {
      context.addIssue({ code: 'custom', path: ['url'], message: check.reason });
      return z.NEVER;
    }
    return { ...value, url: check.url };
  });
