/**
 * Result videos on "vendor storage": GET/HEAD /media/<taskid>.mp4 (or .webm). With the `mediaKind` switch at
 * 'pseudo' (the in-process default) a deterministic pseudo-MP4 (ftyp + mdat with bytes derived from the
 * taskid, ~1.5 MB unless the `mediaBytes` option says otherwise) that downloads exercise but no player
 * decodes; at 'playable' (the CLI's default) the real 3 s WebM in fixtures/playable.webm for every task.
 * Both with byte ranges (206/416), If-Range, ETag and Last-Modified. No session needed (vendor's URL).
 * The same bytes machinery serves the platform's own `/idfile?path=…` (session required, §10.8).
 *
 * Download faults (faults.ts) shape the body here: cut after N bytes, a bytes/second cap, and a new
 * version of the file (other bytes, other ETag) from some moment on.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { seededRng } from './util.ts';

// `.webm` too: the playable video is a WebM, whoever names it truthfully gets the same bytes.
export const MEDIA_RE = /^\/media\/(\d{6,24})\.(?:mp4|webm)$/;
/** The platform's file route (§10.8): `${base}/idfile?path=…`; the simulator's uploads use `/idfile.dspy`. */
export const IDFILE_PATHS: ReadonlySet<string> = new Set(['/idfile', '/idfile.dspy']);

export interface MediaFile {
  bytes: Buffer;
  etag: string;
  lastModified: string;
  /** What the bytes are (video/mp4 for the pseudo file, video/webm for the playable one). */
  contentType: string;
}

/** 'pseudo': per-task bytes of any size (download tests); 'playable': one real video (players, screenshots). */
export type MediaKind = 'pseudo' | 'playable';

let playableFixture: Buffer | null = null;
/** The real video (scripts/make-playable-video.mjs made it), read once when first asked for. */
function playableBytes(): Buffer {
  playableFixture ??= readFileSync(new URL('./fixtures/playable.webm', import.meta.url));
  return playableFixture;
}

/**
 * The playable video, version `version`: a later version (the newVersion fault) appends an EBML Void
 * element (id 0xEC, ignored by every WebM reader) so that bytes, size and ETag change and it still plays.
 */
function playableFile(key: string, version: number): MediaFile {
  const base = playableBytes();
  const bytes = version === 0 ? base : Buffer.concat([base, Buffer.from([0xec, 0x80 | 16]), Buffer.alloc(16, version)]);
  const digest = createHash('sha256').update(bytes).digest();
  const keyed = createHash('sha256').update(`yj-media:${key}`).digest();
  return {
    bytes,
    etag: `"${digest.subarray(0, 8).toString('hex')}-${bytes.length.toString(16)}"`,
    lastModified: new Date(Date.UTC(2026, 0, 1) + (keyed.readUInt32BE(16) % 10_000_000) * 1000 + version * 60_000).toUTCString(),
    contentType: 'video/webm',
  };
}

const cache = new Map<string, MediaFile>();

/**
 * The bytes of one file. Version 0 of a taskid is what the simulator always served; a later version
 * (the newVersion fault) has other bytes, another size, ETag and Last-Modified. `size` overrides the
 * ~1.5 MB default (small files keep fault tests fast).
 */
export function mediaFile(key: string, version = 0, size?: number, kind: MediaKind = 'pseudo'): MediaFile {
  if (kind === 'playable') return playableFile(key, version);
  const id = `${key}|${version}|${size ?? ''}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const digest = createHash('sha256').update(version === 0 ? `yj-media:${key}` : `yj-media:${key}:v${version}`).digest();
  // A new version of a sized file is a little SMALLER: a client that resumes into it without truncating keeps a stale tail.
  const length = Math.max(64, (size ?? 1_500_000 + (digest.readUInt32BE(0) % 200_000)) - (size !== undefined ? version * 16 : 0));
  const bytes = Buffer.alloc(length);
  const ftyp = Buffer.from('000000206674797069736f6d0000020069736f6d69736f32617663316d703431', 'hex');
  ftyp.copy(bytes, 0);
  bytes.writeUInt32BE(length - 32, 32);
  bytes.write('mdat', 36, 'latin1');
  const rng = seededRng(digest.readUInt32BE(4));
  for (let i = 40; i + 4 <= length; i += 4) bytes.writeUInt32LE(Math.floor(rng() * 4294967296), i);
  const file: MediaFile = {
    bytes,
    etag: `"${digest.subarray(8, 16).toString('hex')}-${length.toString(16)}"`,
    lastModified: new Date(Date.UTC(2026, 0, 1) + (digest.readUInt32BE(16) % 10_000_000) * 1000 + version * 60_000).toUTCString(),
    contentType: 'video/mp4',
  };
  cache.set(id, file);
  if (cache.size > 16) {
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
  /** resetMidBody: about half of the body, then the socket is destroyed. */
  reset: boolean;
  /** Destroy the socket after this many body bytes (`'random'`: anywhere in the body). */
  cutAfter?: number | 'random' | null;
  /** Send at most this many body bytes per second. */
  bytesPerSecond?: number | null;
  /** The cut never lets the whole body through (newVersion: this answer must break off). */
  alwaysCut?: boolean;
}

/** How many bytes of a `length`-byte body go out before the cut, or null for the whole body. */
function cutPoint(faults: MediaFaults, length: number): number | null {
  if (faults.reset) return Math.floor(length / 2);
  if (faults.cutAfter === 'random') return Math.floor(Math.random() * length);
  if (typeof faults.cutAfter === 'number') return faults.alwaysCut ? Math.min(faults.cutAfter, length - 1) : faults.cutAfter;
  return null;
}

/** Writes `body` paced to `rate` B/s (in 50 ms slices), stopping when the client goes away. */
function paced(res: ServerResponse, body: Buffer, rate: number, then: () => void): void {
  const slice = Math.max(1, Math.floor(rate / 20));
  let offset = 0;
  const next = (): void => {
    if (res.destroyed) return;
    if (offset >= body.length) return then();
    const chunk = body.subarray(offset, offset + slice);
    offset += chunk.length;
    res.write(chunk);
    setTimeout(next, 50);
  };
  next();
}

/** Serves the file; returns the status code sent. */
export function serveMedia(req: IncomingMessage, res: ServerResponse, file: MediaFile, faults: MediaFaults, contentType = file.contentType): number {
  const size = file.bytes.length;
  const base = {
    'Content-Type': contentType, 'Accept-Ranges': 'bytes', ETag: file.etag, 'Last-Modified': file.lastModified,
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
  const whole = file.bytes.subarray(start, end + 1);
  const cut = cutPoint(faults, whole.length);
  const body = cut === null ? whole : whole.subarray(0, Math.max(0, cut));
  // A cut sends its bytes and then destroys the socket, like a dropped connection (no clean end).
  const finish = cut === null ? () => res.end() : () => res.destroy();
  if (faults.bytesPerSecond) {
    res.flushHeaders();
    paced(res, body, faults.bytesPerSecond, finish);
  } else if (body.length === 0) {
    res.flushHeaders();
    setTimeout(finish, 10);
  } else if (cut === null) {
    res.end(body);
  } else {
    res.write(body, finish);
  }
  return status;
}
