/** Test helpers: a tiny cookie-keeping client for the simulator (not a test file itself). */
import { request as httpRequest } from 'node:http';
import { startSimulator } from './index.ts';
import type { Simulator, SimulatorOptions } from './types.ts';

export const FAST: SimulatorOptions = {
  quiet: true,
  taskTimings: { processingAfterMs: 40, succeedAfterMs: 120, billingDelayMs: 60 },
  paymentNotifyDelayMs: 50,
};

export function startTestSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ ...FAST, ...options, port: 0 });
}

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  /** Parsed JSON body (throws when the body is not JSON). */
  json: unknown;
  setCookie: string | null;
}

export interface ReqOptions {
  query?: Record<string, string>;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  cookie?: boolean;
}

export class Client {
  readonly base: string;
  cookie: string | null = null;

  constructor(base: string) {
    this.base = base;
  }

  async request(method: string, path: string, o: ReqOptions = {}): Promise<Res> {
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (this.cookie && o.cookie !== false) headers['Cookie'] = `AIOHTTP_SESSION=${this.cookie}`;
    let body: string | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(url, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const cookieLine = res.headers.getSetCookie().find((c) => c.startsWith('AIOHTTP_SESSION=')) ?? null;
    if (cookieLine) this.cookie = /^AIOHTTP_SESSION=([^;]*)/.exec(cookieLine)?.[1] ?? null;
    let parsed: unknown;
    let parseError: unknown = null;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch (err) {
      parseError = err;
    }
    return {
      status: res.status, headers: res.headers, text, bytes, setCookie: cookieLine,
      get json(): unknown {
        if (parseError) throw new Error(`not JSON: ${text.slice(0, 120)}`);
        return parsed;
      },
    };
  }

  get(path: string, query?: Record<string, string>): Promise<Res> {
    return this.request('GET', path, { query });
  }

  post(path: string, json: unknown): Promise<Res> {
    return this.request('POST', path, { json });
  }

  async smsKey(phone: string): Promise<string> {
    const r = await this.get('/rbac/gen_sms_code.dspy', { cellphone: phone });
    return (r.json as { data: { key: string } }).data.key;
  }

  /** Logs in; for several accounts picks the one with `username` (or the first). */
  async login(phone: string, username?: string): Promise<Res> {
    const key = await this.smsKey(phone);
    const first = await this.post('/rbac/phone_login.dspy', { cellphone: phone, sms_code: '123456', key });
    if (first.text.trim() === '') return first;
    const env = first.json as { status: string; data: { key?: string; users?: { id: string; username: string }[] } };
    if (env.status !== 'choose') return first;
    const users = env.data.users ?? [];
    const pick = users.find((u) => u.username === username) ?? users[0];
    return this.post('/rbac/phone_login.dspy', {
      cellphone: phone, sms_code: '123456', key: env.data.key ?? key, selected_id: pick?.id,
    });
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  chunks: Buffer[];
  /** The connection broke before the body was complete. */
  aborted: boolean;
}

/** A raw node:http request that records body chunks as they arrive (stream framing tests). */
export function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      let done = false;
      const finish = (aborted: boolean): void => {
        if (done) return;
        done = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, chunks, aborted });
      };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(false));
      res.on('aborted', () => finish(true));
      res.on('error', () => finish(true));
      res.on('close', () => finish(!res.complete));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export type Envelope = { status: string; data?: Record<string, unknown> & { message?: string } };
export const env = (r: Res): Envelope => r.json as Envelope;
