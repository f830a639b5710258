/**
 * `yj-media://library/<encoded relPath>`: how the desktop page plays the library's videos and
 * shows their input images. It serves only regular files of known media types inside the
 * library folder — the check and the answer are services/library/media-response.ts, shared with
 * the browser host's /__yj/media/ route — with Range for seeking, streamed from the file.
 * The raw URL text is checked (not a URL object's normalised path), so `..` and its encodings
 * are refused rather than silently resolved.
 */
import { Readable } from 'node:stream';
import type { CustomScheme, Protocol } from 'electron';
import { answerMedia } from '../services/library/media-response';
import { encodeMediaRelPath } from '../services/library/media-path';

export const MEDIA_SCHEME = 'yj-media';
export const MEDIA_HOST = 'library';

/**
 * Standard (an origin, parsed like http), secure (loads in a secure page), stream (media
 * elements may read it in ranges), fetch allowed. It does not bypass the page's CSP: the CSP
 * names `yj-media:` in media-src and img-src.
 */
export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
};

/** The URL of a file in the library folder (relative path, forward slashes). */
export function mediaUrlFor(relPath: string): string {
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${encodeMediaRelPath(relPath)}`;
}

const PREFIX = new RegExp(`^${MEDIA_SCHEME}://${MEDIA_HOST}/([^?#]*)`, 'i');

/** After 'ready': answers yj-media://library/… from the library folder `libraryDir()` names now. */
export function serveMediaFiles(protocol: Pick<Protocol, 'handle'>, libraryDir: () => string): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const match = PREFIX.exec(request.url);
    if (!match) return new Response('Not found', { status: 404 });
    const answer = await answerMedia(libraryDir(), {
      method: request.method,
      encodedPath: match[1] ?? '',
      range: request.headers.get('range'),
      ifRange: request.headers.get('if-range'),
    });
    if (!answer.body) return new Response(null, { status: answer.status, headers: answer.headers });
    const { file, start, end } = answer.body;
    const stream = Readable.toWeb(file.handle.createReadStream({ start, end, autoClose: true })) as unknown as ReadableStream<Uint8Array>;
    return new Response(stream, { status: answer.status, headers: answer.headers });
  });
}
