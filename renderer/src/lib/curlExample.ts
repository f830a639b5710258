/**
 * A ready-to-run request that calls the platform with an API key (platform-api.md §3.10, §9:
 * `Authorization: Bearer <apikey>` logs the key's user in). Built only at the moment the user
 * copies it; the result is never stored.
 */

export const CURL_PATH = '/llmage/vidu_inference.dspy';
const SERVER_PLACEHOLDER = 'https://<服务器地址>';

/** POSIX shell single quotes: a `'` inside becomes `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The base URL joined to the path with exactly one `/` (§0: the base may carry a prefix). */
export function endpointUrl(serverUrl: string | null | undefined, path = CURL_PATH): string {
  const base = (serverUrl ?? '').trim().replace(/\/+$/, '') || SERVER_PLACEHOLDER;
  return `${base}/${path.replace(/^\/+/, '')}`;
}

export function curlExample(serverUrl: string | null | undefined, apiKey: string): string {
  const body = JSON.stringify({
    llmid: '<模型 ID / model id>',
    llmcatelogid: 't2v',
    prompt: '清晨的江南古镇，薄雾中一只白鹭掠过水面',
    duration: 5,
    resolution: '1080p',
    off_peak: false,
  });
  return [
    `curl -X POST ${shellQuote(endpointUrl(serverUrl))}`,
    `  -H ${shellQuote(`Authorization: Bearer ${apiKey}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(body)}`,
  ].join(' \\\n');
}
