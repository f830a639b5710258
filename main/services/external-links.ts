/**
 * The one gate for URLs that leave the app (shell.openExternal): payment pages (platform-api.md
 * §7.3, §9). Pure — the recharge service and the window's link guard both call it.
 *
 * Threats it closes: a compromised or spoofed server answer (or a renderer link) making the
 * app hand `javascript:`, `file:`, a lookalike host or an embedded credential to the OS.
 */

/** Alipay page-pay hosts (production and sandbox). Exact host names, never suffixes. */
export const PAYMENT_HOSTS: ReadonlySet<string> = new Set([
  'openapi.alipay.com',
  'mapi.alipay.com',
  'excashier.alipay.com',
  'openapi-sandbox.dl.alipaydev.com',
  'excashier-sandbox.dl.alipaydev.com',
]);

/** Signed payment URLs are a few kB; anything far larger is not one. */
const MAX_URL_LENGTH = 16 * 1024;

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export interface ExternalUrlOptions {
  /**
   * Any https host. Only for the result URL of a task in the ledger (tasks.openResult): the URL
   * was written by the platform's answer for this account's own task, never by the renderer (it
   * names a task id, main looks the URL up), and result videos live on vendor CDN hosts that
   * change with the vendor, so no fixed list can hold them. The hygiene checks still apply.
   */
  anyHttpsHost?: boolean;
}

export function checkExternalUrl(url: string, platformBaseUrl: string | null, options: ExternalUrlOptions = {}): ExternalUrlCheck {
  if (typeof url !== 'string' || url.length === 0) return refuse('链接为空 / The link is empty');
  if (url.length > MAX_URL_LENGTH) return refuse('链接过长 / The link is too long');
  // URL parsers silently drop tabs/newlines and trim spaces; a browser may not agree, so refuse.
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return refuse('链接含有空白或控制字符 / The link contains whitespace or control characters');

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('链接无法解析 / The link is not a valid URL');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return refuse('链接含有账号信息 / The link carries credentials');
  }

  const platform = parseBase(platformBaseUrl);
  if (parsed.protocol === 'https:') {
    if (PAYMENT_HOSTS.has(parsed.hostname)) return allow(parsed);
    if (platform && parsed.host === platform.host) return allow(parsed);
    if (options.anyHttpsHost) return allow(parsed);
    return refuse(`不在允许列表中的网站：${parsed.hostname} / Host not on the allowlist: ${parsed.hostname}`);
  }
  if (parsed.protocol === 'http:') {
    // Only the local simulator's own payment page (demo): same origin as a loopback platform.
    if (platform && platform.protocol === 'http:' && isLoopback(platform.hostname) && parsed.origin === platform.origin) {
      return allow(parsed);
    }
    return refuse('只允许 https 链接 / Only https links may be opened');
  }
  return refuse(`不允许的链接类型：${parsed.protocol} / Link scheme not allowed: ${parsed.protocol}`);
}

/** The canonical serialisation, so the OS gets exactly what was checked (no parser differential). */
function allow(parsed: URL): ExternalUrlCheck {
  return { ok: true, url: parsed.href };
}

function refuse(reason: string): ExternalUrlCheck {
  return { ok: false, reason };
}

function parseBase(base: string | null): URL | null {
  if (!base) return null;
  try {
    const parsed = new URL(base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
