/**
 * One media request, answered the same way by the desktop protocol (main/shell/media-protocol.ts)
 * and the browser host (main/host/media-route.ts): the path check (media-path.ts), the range
 * (lib/http-range.ts), the status and headers. The body is a range of an open file handle,
 * which each host streams in its own way — never read whole into memory.
 */
import { contentRange, parseRange } from '../../lib/http-range';
import { parseMediaRelPath, resolveMediaFile, type MediaFile } from './media-path';

export interface MediaRequest {
  method: string;
  /** The encoded relative path after the route's prefix (no query). */
  encodedPath: string;
  range?: string | null;
  ifRange?: string | null;
}

export interface MediaAnswer {
  status: 200 | 206 | 400 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Bytes start..end (inclusive) of the file, for GET 200/206; the receiver must stream or close it. */
  body: { file: MediaFile; start: number; end: number } | null;
}

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };

function plain(status: MediaAnswer['status'], extra: Record<string, string> = {}): MediaAnswer {
  return { status, headers: { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8', ...extra }, body: null };
}

function validatorsOf(file: MediaFile): { etag: string; lastModified: string } {
  return { etag: `"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}"`, lastModified: new Date(file.mtimeMs).toUTCString() };
}

/** Answers `request` from the library folder `root`. A 400 is a refused path, a 404 a missing file. */
export async function answerMedia(root: string, request: MediaRequest): Promise<MediaAnswer> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return plain(405, { Allow: 'GET, HEAD' });
  const relPath = parseMediaRelPath(request.encodedPath);
  if (relPath === null) return plain(400);
  const file = await resolveMediaFile(root, relPath);
  if (!file) return plain(404);

  const { etag, lastModified } = validatorsOf(file);
  // If-Range: a range is only valid against the same version of the file; otherwise send it whole.
  const sameVersion = !request.ifRange || request.ifRange === etag || request.ifRange === lastModified;
  const range = sameVersion ? parseRange(request.range, file.size) : { kind: 'full' as const };
  const headers: Record<string, string> = {
    ...COMMON,
    'Content-Type': file.contentType,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': lastModified,
  };
  if (range.kind === 'unsatisfiable') {
    await file.handle.close();
    return { status: 416, headers: { ...headers, 'Content-Range': contentRange(range, file.size)!, 'Content-Length': '0' }, body: null };
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.size - 1;
  headers['Content-Length'] = String(Math.max(0, end - start + 1));
  if (range.kind === 'partial') headers['Content-Range'] = contentRange(range, file.size)!;
  const status = range.kind === 'partial' ? 206 : 200;
  if (method === 'HEAD' || file.size === 0) {
    await file.handle.close();
    return { status, headers, body: null };
  }
  return { status, headers, body: { file, start, end } };
}
