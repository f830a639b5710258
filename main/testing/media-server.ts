/**
 * A tiny loopback file server for download tests: serves one buffer with Range / If-Range /
 * ETag, and lets a test shape each answer (cut the connection at a byte, change the ETag,
 * answer 403, ignore the range). Records every request's headers. Tests only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  path: string;
  range: string | null;
  ifRange: string | null;
  cookie: string | null;
}

export interface AnswerPlan {
  /** Answer this status with an empty body instead of the file. */
  status?: number;
  /** Destroy the socket after this many body bytes. */
  cutAfter?: number;
  ignoreRange?: boolean;
  /** Serve the range even when If-Range names an old version (a broken CDN). */
  ignoreIfRange?: boolean;
  /** Send this many body bytes, then hold the connection open without a word (until close). */
  stallAfter?: number;
}

export interface MediaServer {
  url: string;
  requests: ServedRequest[];
  /** The ETag of the current content; `replace` changes both. */
  etag(): string;
  replace(bytes: Buffer): void;
  /** Shapes the answers: called with the request and its 0-based index. */
  plan(fn: (req: ServedRequest, index: number) => AnswerPlan): void;
  close(): Promise<void>;
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

export async function startMediaServer(initial: Buffer): Promise<MediaServer> {
  let bytes = initial;
  let version = 1;
  let planFn: (req: ServedRequest, index: number) => AnswerPlan = () => ({});
  const requests: ServedRequest[] = [];
  const etag = () => `"v${version}-${bytes.length}"`;

  const server: Server = createServer((req, res) => {
    const seen: ServedRequest = { path: req.url ?? '/', range: header(req, 'range'), ifRange: header(req, 'if-range'), cookie: header(req, 'cookie') };
    const plan = planFn(seen, requests.length);
    requests.push(seen);
    if (plan.status !== undefined) {
      res.writeHead(plan.status, { 'Content-Length': 0 });
      res.end();
      return;
    }
    const m = /^bytes=(\d+)-$/.exec(seen.range ?? '');
    const rangeOk = m !== null && !plan.ignoreRange && (seen.ifRange === null || seen.ifRange === etag() || plan.ignoreIfRange === true);
    const start = rangeOk ? Number(m[1]) : 0;
    if (start >= bytes.length && rangeOk) {
      res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const body = bytes.subarray(start);
    const headers: Record<string, string | number> = { ETag: etag(), 'Content-Length': body.length, 'Accept-Ranges': 'bytes' };
    if (rangeOk) headers['Content-Range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    res.writeHead(rangeOk ? 206 : 200, headers);
    if (plan.stallAfter !== undefined && plan.stallAfter < body.length) {
      res.write(body.subarray(0, plan.stallAfter));
      return;
    }
    if (plan.cutAfter !== undefined && plan.cutAfter < body.length) {
      res.write(body.subarray(0, plan.cutAfter), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    etag,
    replace(next) {
      bytes = next;
      version += 1;
    },
    plan(fn) {
      planFn = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
