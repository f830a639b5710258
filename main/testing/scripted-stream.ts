/**
 * A PlatformHttpClient whose video stream is a script: the chunks the server "sends", then an
 * optional error where the connection breaks — or an error instead of any stream. For the forms
 * and failures the simulator does not make. Tests only.
 */
import type { PlatformHttpClient } from '../platform/http';
import type { StreamBody } from '../platform/http-stream';

export interface StreamScript {
  /** Sent as they are, one chunk each. */
  chunks?: string[];
  /** Thrown by openStream: the answer was decided before any streaming (non-stream answer, no connection). */
  openError?: unknown;
  /** Thrown after the last chunk: the connection broke mid-stream. */
  breakError?: unknown;
}

export interface ScriptedClient extends PlatformHttpClient {
  /** Every body openStream was called with. */
  readonly bodies: StreamBody[];
}

export function scriptedStream(script: StreamScript): ScriptedClient {
  const unused = () => Promise.reject(new Error('not used'));
  const bodies: StreamBody[] = [];
  return {
    bodies,
    get: unused,
    post: unused,
    baseUrl: () => 'http://scripted',
    openStream: (_path, body) => {
      bodies.push(body);
      if (script.openError !== undefined) return Promise.reject(script.openError as Error);
      return Promise.resolve(
        (async function* () {
          for (const c of script.chunks ?? []) yield Buffer.from(c);
          if (script.breakError !== undefined) throw script.breakError;
        })(),
      );
    },
  };
}
