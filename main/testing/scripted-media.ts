/**
 * A loopback media server whose answers each test writes itself (node:http), for the download
 * engine's tests of odd but real server behaviour: a 206 at another offset, a 200 that carries a
 * Content-Range, a range capped short, a 416 for a file that shrank, no validator at all.
 * `rangeAnswer` is a well-behaved server (Range + If-Range); the others answer one thing. Tests only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  range: string | null;
  ifRange: string | null;
}

export type Answer = (req: IncomingMessage, res: ServerResponse, index: number) => void;

export interface ScriptedServer {
  url: string;
  requests: SeenRequest[];
  answer(fn: Answer): void;
  close(): Promise<void>;
}

const header = (req: IncomingMessage, name: string): string | null => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
};

export async function startScriptedServer(): Promise<ScriptedServer> {
  let answerFn: Answer = (_req, res) => res.writeHead(500).end();
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ range: header(req, 'range'), ifRange: header(req, 'if-range') });
    answerFn(req, res, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v.mp4`,
    requests,
    answer(fn) {
      answerFn = fn;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

const validatorHeaders = (v: Validators): Record<string, string> => ({
  ...(v.etag ? { ETag: v.etag } : {}),
  ...(v.lastModified ? { 'Last-Modified': v.lastModified } : {}),
});

/** Sends `body` (all of it, or `cutAfter` bytes and then a dropped connection). */
export function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body: Buffer, cutAfter?: number): void {
  res.writeHead(status, { 'Content-Length': body.length, ...headers });
  if (cutAfter !== undefined && cutAfter < body.length) {
    res.write(body.subarray(0, cutAfter), () => res.destroy());
    return;
  }
  res.end(body);
}

/** A 206 for `bytes` from `start`, announcing `total` (defaults to the true length). */
export function sendRange(res: ServerResponse, bytes: Buffer, start: number, v: Validators, total = bytes.length): void {
  const body = bytes.subarray(start);
  send(res, 206, { ...validatorHeaders(v), 'Content-Range': `bytes ${start}-${start + body.length - 1}/${total}` }, body);
}

/** A well-behaved server: honours `Range: bytes=N-` when If-Range (if any) matches a validator. */
export function rangeAnswer(bytes: Buffer, v: Validators, cutAfter?: (index: number) => number | undefined): Answer {
  return (req, res, index) => {
    const m = /^bytes=(\d+)-$/.exec(header(req, 'range') ?? '');
    const ifRange = header(req, 'if-range');
    const fresh = ifRange === null || ifRange === v.etag || ifRange === v.lastModified;
    if (m && fresh) {
      const start = Number(m[1]);
      if (start >= bytes.length) return void send(res, 416, { 'Content-Range': `bytes */${bytes.length}` }, Buffer.alloc(0));
      const body = bytes.subarray(start);
      return void send(res, 206, { ...validatorHeaders(v), 'Content-Range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` }, body, cutAfter?.(index));
    }
    send(res, 200, validatorHeaders(v), bytes, cutAfter?.(index));
  };
}

/**
 * Answers `status` with a body far larger than socket buffers, and resolves `dropped` once the
 * client closes the connection before taking it all: a client that keeps an unwanted body open
 * holds a socket and the server's bandwidth.
 */
export function bigRefusal(status: number): { answer: Answer; dropped: Promise<void> } {
  let resolveDropped: () => void = () => undefined;
  const dropped = new Promise<void>((resolve) => (resolveDropped = resolve));
  return {
    dropped,
    answer: (_req, res) => {
      res.once('close', () => !res.writableFinished && resolveDropped());
      res.writeHead(status, { 'Content-Length': 8 << 20, 'Content-Type': 'text/html' });
      res.write(Buffer.alloc(8 << 20, 0x20));
    },
  };
}

/** Resolves true if `promise` settles within `ms`, false otherwise. */
export function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
}
