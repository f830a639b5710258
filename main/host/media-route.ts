/**
 * `GET /__yj/media/<encoded relPath>?token=…`: the browser host's stand-in for the desktop's
 * yj-media:// protocol — the same check and answer (services/library/media-response.ts), written
 * to a Node response and streamed from the open file. The token check happens before this, like
 * for every /__yj/ route; a <video> element cannot send headers, so the media URL carries the
 * token in its query (see access-token.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { answerMedia } from '../services/library/media-response';
import { encodeMediaRelPath } from '../services/library/media-path';
import { TOKEN_QUERY } from './access-token';

export const MEDIA_ROUTE_PREFIX = '/__yj/media/';

/** The page-relative URL of a library file for this start of the host. */
export function hostMediaUrl(token: string): (relPath: string) => string {
  return (relPath) => `${MEDIA_ROUTE_PREFIX}${encodeMediaRelPath(relPath)}?${TOKEN_QUERY}=${token}`;
}

function single(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** `pathname` is the raw request path (not decoded, not normalised), starting with MEDIA_ROUTE_PREFIX. */
export async function serveMedia(req: IncomingMessage, res: ServerResponse, pathname: string, root: string): Promise<void> {
  const answer = await answerMedia(root, {
    method: req.method ?? 'GET',
    encodedPath: pathname.slice(MEDIA_ROUTE_PREFIX.length),
    range: single(req.headers.range),
    ifRange: single(req.headers['if-range']),
  });
  res.writeHead(answer.status, answer.headers);
  if (!answer.body) {
    res.end();
    return;
  }
  const { file, start, end } = answer.body;
  try {
    await pipeline(file.handle.createReadStream({ start, end, autoClose: true }), res);
  } catch {
    // The player went away mid-answer (it does on every seek): the stream and its file are closed.
  }
}
