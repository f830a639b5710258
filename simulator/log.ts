/** The last ~200 platform requests, for tests that assert what the client sent. */
import type { IncomingMessage } from 'node:http';
import type { ParsedBody } from './http.ts';
import { isFilePart } from './http.ts';
import type { LoggedRequest } from './types.ts';
import { serverTime } from './util.ts';

const CAPACITY = 200;
const MAX_STRING = 2048;

function shorten(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, 256)}…(${value.length} chars)` : value;
  }
  if (isFilePart(value)) return { file: value.filename, contentType: value.contentType, size: value.bytes.length };
  if (Array.isArray(value)) return value.map(shorten);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shorten(v)]));
  }
  return value;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  record(req: IncomingMessage, path: string, query: URLSearchParams, body: ParsedBody | null): LoggedRequest {
    const h = req.headers;
    const bodyParams = body?.body ? (shorten(body.body) as Record<string, unknown>) : null;
    const entry: LoggedRequest = {
      at: serverTime(this.now(), true),
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(query),
      body: bodyParams,
      bodyKind: body?.kind ?? 'none',
      headers: {
        contentType: h['content-type'] ?? null,
        cookie: typeof h.cookie === 'string' && h.cookie.length > 0,
        authorization: h.authorization !== undefined,
        xApiKey: h['x-api-key'] !== undefined,
        clientUuid: h['client_uuid'] !== undefined,
        range: typeof h.range === 'string' ? h.range : null,
        ifRange: typeof h['if-range'] === 'string' ? h['if-range'] : null,
      },
      status: null,
    };
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
    return entry;
  }

  list(): LoggedRequest[] {
    return this.entries.map((e) => structuredClone(e));
  }

  count(): number {
    return this.entries.length;
  }

  clear(): void {
    this.entries = [];
  }
}
