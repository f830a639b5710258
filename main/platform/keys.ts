/**
 * Downstream apps and their API keys, platform-api.md §3.4–3.6.
 * The API key and secret key are credentials (§9): this module returns them to the caller and
 * keeps no copy; nothing here logs.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { ApiKeyDetail, DownApp } from '../../preload/contract';
import { AppError, isAppError } from '../lib/errors';
import { asRecord } from './normalize';
import type { PlatformHttp } from './types';
import { registerSecret } from '../lib/secret-values';

export const DOWNAPPS_PATH = '/dapi/downapps.dspy';
export const APPLY_KEY_PATH = '/dapi/apply_apikey.dspy';
export const GET_KEY_PATH = '/dapi/get_apikey.dspy';

const LIST_UNAVAILABLE = 'API Key 列表暂不可用 / API key list unavailable';

/** GET §3.4. An empty list is normal. */
export async function listDownApps(http: PlatformHttp): Promise<DownApp[]> {
  let data: unknown;
  try {
    ({ data } = await http.get(DOWNAPPS_PATH));
  } catch (error) {
    // A broken server version answers `<database error text>,today='YYYY-MM-DD'` every time.
    if (isAppError(error) && error.code === 'app' && /,\s*today\s*=/.test(error.message)) {
      throw new AppError('app', LIST_UNAVAILABLE, { detail: error.message.slice(0, 500), cause: error });
    }
    throw error;
  }
  const record = asRecord(data);
  const items = Array.isArray(data) ? data : record?.apikeys;
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new AppError('malformed', '应用列表数据无法识别 / Unrecognised app list data');
  const apps: DownApp[] = [];
  for (const item of items) {
    const app = asRecord(item);
    const id = app && text(app.id);
    if (!app || !id) continue;
    const entry: DownApp = { id, appName: text(app.appname) || text(app.name) };
    const apiKeyId = text(app.apikeyid);
    if (apiKeyId) entry.apiKeyId = apiKeyId;
    apps.push(entry);
  }
  return apps;
}

export interface ApplyKeyInput {
  appName: string;
  description?: string;
  /** Already normalised: comma-separated IPs without spaces, '' = any IP. */
  allowedIps?: string;
}

/**
 * POST §3.5 once (never retried: it creates something), then read §3.4 to return the list.
 * After a failure or transport error the list is read again: when an app appears that was not
 * there before (or carries the id we sent), the apply did happen and the list is the answer;
 * an app that merely has the same name as the one asked for proves nothing.
 * null: the app was created but the list could not be read afterwards — a success, not an error
 * (reporting "server error" would make the user apply again and get two apps).
 */
export async function applyApiKey(http: PlatformHttp, input: ApplyKeyInput, newId: string = randomAppId()): Promise<DownApp[] | null> {
  const body = {
    appname: input.appName,
    description: input.description ?? '',
    allowedips: input.allowedIps ?? '',
    // Some server versions take the new app's id from the request; harmless where ignored.
    id: newId,
  };
  const before = await appIdsBefore(http);
  try {
    // The answer may carry the new record with the key in clear text: deliberately not read.
    await http.post(APPLY_KEY_PATH, body);
  } catch (error) {
    // A 401 did nothing on the server (§2.6): nothing to reconcile, and a read would 401 too.
    if (isAppError(error) && error.code === 'unauthorized') throw error;
    let apps: DownApp[];
    try {
      apps = await listDownApps(http);
    } catch {
      throw error;
    }
    const created = (app: DownApp) => app.id === newId || (before !== null && app.appName === input.appName && !before.has(app.id));
    if (apps.some(created)) return apps;
    throw error;
  }
  try {
    return await listDownApps(http);
  } catch {
    return null;
  }
}

/** The app ids before applying, to tell a new app from an old one of the same name; null if unreadable. */
async function appIdsBefore(http: PlatformHttp): Promise<Set<string> | null> {
  try {
    return new Set((await listDownApps(http)).map((app) => app.id));
  } catch (error) {
    // Signed out: the apply would be refused too, and nothing was sent yet.
    if (isAppError(error) && error.code === 'unauthorized') throw error;
    return null;
  }
}

/** GET §3.6, only on an explicit user request. */
export async function getApiKey(http: PlatformHttp, appId: string): Promise<ApiKeyDetail> {
  const { data } = await http.get(GET_KEY_PATH, { id: appId });
  const record = asRecord(data) ?? {};
  const apiKey = text(record.apikey) || text(record.aapikey);
  if (!apiKey) throw new AppError('malformed', '服务器没有返回 API Key / The server returned no API key');
  registerSecret(apiKey);
  const detail: ApiKeyDetail = { appId, appName: text(record.appname) || text(record.name), apiKey };
  const secretKey = text(record.secretkey);
  if (secretKey) {
    registerSecret(secretKey);
    detail.secretKey = secretKey;
  }
  if (typeof record.allowedips === 'string') detail.allowedIps = record.allowedips;
  return detail;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh 21-character URL-safe id like the platform's own (64 symbols: no modulo bias). */
export function randomAppId(): string {
  const bytes = randomBytes(21);
  let id = '';
  for (const byte of bytes) id += ID_ALPHABET[byte & 63];
  return id;
}

/**
 * `allowedips`: a comma-separated list of IPv4/IPv6 addresses, or empty for any IP.
 * Returns the list without spaces, or null when an entry is not an IP address.
 */
export function normaliseAllowedIps(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const entries = trimmed.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => isIP(entry) === 0)) return null;
  return entries.join(',');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
