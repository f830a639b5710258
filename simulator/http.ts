/** Reply values, the platform's response builders, and request body parsing (§1). */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { platformJson } from './util.ts';

export const JSON_TYPE = 'application/json; utf-8';
export const HTML_TYPE = 'text/html; utf-8';
const PLAIN_TYPE = 'text/plain; charset=utf-8';
export const BODY_LIMIT = 10 * 1024 * 1024;

export interface BufferReply {
  kind: 'buffer';
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  /** A new session ticket to send as Set-Cookie. */
  cookie?: string;
}

export interface StreamReply {
  kind: 'stream';
  status: number;
  headers: OutgoingHttpHeaders;
  /** Writes the body; `cut` = the resetMidBody fault: destroy the socket part-way. */
  run(res: ServerResponse, cut: boolean): Promise<void>;
  cookie?: string;
}

export type Reply = BufferReply | StreamReply;

export function bufferReply(status: number, type: string, body: string | Buffer, headers: OutgoingHttpHeaders = {}): BufferReply {
  return { kind: 'buffer', status, headers: { 'Content-Type': type, ...headers }, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

export function json(value: unknown): BufferReply {
  return bufferReply(200, JSON_TYPE, platformJson(value));
}

export function ok(data?: unknown): BufferReply {
  return json(data === undefined ? { status: 'ok' } : { status: 'ok', data });
}

export function fail(message: string, extra: Record<string, unknown> = {}): BufferReply {
  return json({ status: 'error', data: { message, ...extra } });
}

export function text(status: number, body: string, type: string = PLAIN_TYPE): BufferReply {
  return bufferReply(status, type, body);
}

export const unauthorized = (): BufferReply => text(401, '401: Unauthorized');
export const forbidden = (): BufferReply => text(403, '403: Forbidden');
export const notFound = (): BufferReply => text(404, '404: Not Found');
export const tooLarge = (size: number): BufferReply =>
  text(413, `413: Maximum request body size ${BODY_LIMIT} exceeded, actual body size ${size}`);
export const serverError = (): BufferReply => text(500, '500 Internal Server Error\n\nServer got itself in trouble');
export const emptyBody = (): BufferReply => bufferReply(200, HTML_TYPE, '');

export function widget(title: string, message: string): BufferReply {
  return json({ widgettype: 'Error', options: { author: 'tr', timeout: 5, cwidth: 15, cheight: 10, title, message } });
}

export interface FilePart {
  kind: 'file';
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export function isFilePart(v: unknown): v is FilePart {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'file' && Buffer.isBuffer((v as FilePart).bytes);
}

export type Params = Record<string, unknown>;

export interface ParsedBody {
  params: Params;
  /** Body-only params (before the merge with the query). */
  body: Params | null;
  kind: 'none' | 'json' | 'form' | 'multipart' | 'invalid';
  /** JSON top level not an object, or unparseable JSON: the handler errors (HTTP 500). */
  broken: boolean;
}

export async function readBody(req: IncomingMessage): Promise<{ raw: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size <= BODY_LIMIT) chunks.push(b);
  }
  return { raw: Buffer.concat(chunks), size };
}

function parseForm(text: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

function parseMultipart(raw: Buffer, boundary: string): Params {
  const out: Params = {};
  const delim = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delim, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd >= 0) {
      const head = part.subarray(0, headEnd).toString('utf8');
      const body = part.subarray(headEnd + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream';
      if (name !== undefined) {
        const value = filename !== undefined ? ({ kind: 'file', filename, contentType: type, bytes: Buffer.from(body) } satisfies FilePart) : body.toString('utf8');
        // A repeated name (several `images` files for reference-to-video) becomes a list.
        const prior = out[name];
        out[name] = prior === undefined ? value : Array.isArray(prior) ? [...(prior as unknown[]), value] : [prior, value];
      }
    }
    pos = next;
  }
  return out;
}

/** GET: query only. Otherwise query merged with the body (body wins); JSON needs its Content-Type. */
export function parseParams(method: string, query: URLSearchParams, contentType: string | undefined, raw: Buffer): ParsedBody {
  const q: Params = {};
  for (const [k, v] of query) q[k] = v;
  if (method === 'GET' || method === 'HEAD' || raw.length === 0) return { params: q, body: null, kind: 'none', broken: false };
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('application/json')) {
    try {
      const value: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { params: q, body: null, kind: 'invalid', broken: true };
      return { params: { ...q, ...(value as Params) }, body: value as Params, kind: 'json', broken: false };
    } catch {
      return { params: q, body: null, kind: 'invalid', broken: true };
    }
  }
  if (ct.includes('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
    if (!boundary) return { params: q, body: null, kind: 'invalid', broken: true };
    const body = parseMultipart(raw, boundary);
    return { params: { ...q, ...body }, body, kind: 'multipart', broken: false };
  }
  // No (or form) Content-Type: read as a form — a JSON text sent like this loses its parameters.
  const body = parseForm(raw.toString('utf8'));
  return { params: { ...q, ...body }, body, kind: 'form', broken: false };
}
