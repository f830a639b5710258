/**
 * Result videos on "vendor storage": GET/HEAD /media/<taskid>.mp4, a deterministic ~1.5 MB
 * pseudo-MP4 (ftyp + mdat with bytes derived from the taskid), with byte ranges (206/416),
 * If-Range, ETag and Last-Modified. No session needed (it is the vendor's URL).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { seededRng } from './util.ts';

export const MEDIA_RE = /^\/media\/(\d{6,24})\.mp4$/;

interface MediaFile {
  bytes: Buffer;
  etag: string;
  lastModified: string;
}

const cache = new Map<string, MediaFile>();

export function mediaFile(taskid: string): MediaFile {
  const hit = cache.get(taskid);
  if (hit) return hit;
  const digest = createHash('sha256').update(`yj-media:${taskid}`).digest();
  const size = 1_500_000 + (digest.readUInt32BE(0) % 200_000);
  const bytes = Buffer.alloc(size);
  const ftyp = Buffer.from('000000206674797069736f6d0000020069736f6d69736f32617663316d703431', 'hex');
  ftyp.copy(bytes, 0);
  bytes.writeUInt32BE(size - 32, 32);
  bytes.write('mdat', 36, 'latin1');
  const rng = seededRng(digest.readUInt32BE(4));
  for (let i = 40; i + 4 <= size; i += 4) bytes.writeUInt32LE(Math.floor(rng() * 4294967296), i);
  const file: MediaFile = {
    bytes,
    etag: `"${digest.subarray(8, 16).toString('hex')}-${size.toString(16)}"`,
    lastModified: new Date(Date.UTC(2026, 0, 1) + (digest.readUInt32BE(16) % 10_000_000) * 1000).toUTCString(),
  };
  cache.set(taskid, file);
  if (cache.size > 8) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return file;
}

type RangeResult = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** Single-range `bytes=N-`, `bytes=N-M`, `bytes=-S`; anything unparsable is ignored (full body). */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

export interface MediaFaults {
  rangeIgnored: boolean;
  reset: boolean;
}

/** Serves the file; returns the status code sent. */
export function serveMedia(req: IncomingMessage, res: ServerResponse, taskid: string, faults: MediaFaults): number {
  const file = mediaFile(taskid);
  const size = file.bytes.length;
  const base = {
    'Content-Type': 'video/mp4', 'Accept-Ranges': 'bytes', ETag: file.etag, 'Last-Modified': file.lastModified,
    'Cache-Control': 'max-age=86400',
  };
  const ifRange = req.headers['if-range'];
  const rangeAllowed = !faults.rangeIgnored && (ifRange === undefined || ifRange === file.etag || ifRange === file.lastModified);
  const range = rangeAllowed ? parseRange(req.headers.range, size) : { kind: 'full' as const };
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}`, 'Content-Length': 0 });
    res.end();
    return 416;
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1];
  const headers: Record<string, string | number> = { ...base, 'Content-Length': end - start + 1 };
  if (status === 206) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return status;
  }
  const body = file.bytes.subarray(start, end + 1);
  if (faults.reset) {
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    return status;
  }
  res.end(body);
  return status;
}
