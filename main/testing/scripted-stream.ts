/**
 * A PlatformHttpClient whose video stream is a script: the chunks the server "sends", then an
 * optional error where the connection breaks — or an error instead of any stream. For the forms
 * and failures the simulator does not make. Tests only.
 */
import type { PlatformHttpClient } from '../platform/http';
import type { OpenStreamOptions, StreamBody } from '../platform/http-stream';

export interface StreamScript {
  /** Sent as they are, one chunk each. */
  chunks?: string[];
  /** Thrown by openStream: the answer was decided before any streaming (non-stream answer, no connection). */
  openError?: unknown;
  /** Thrown after the last chunk: the connection broke mid-stream. */
  breakError?: unknown;
}

export interface ScriptedClient extends PlatformHttpClient {
  /** Every openStream call, in order. */
  readonly calls: { path: string; body: StreamBody; options?: OpenStreamOptions }[];
}

export function scriptedStream(script: StreamScript): ScriptedClient {
  const unused = () => Promise.reject(new Error('not used'));
  const calls: ScriptedClient['calls'] = [];
  return {
    calls,
    get: unused,
    post: unused,
    baseUrl: () => 'http://scripted',
    openStream: (path, body, options) => {
      calls.push({ path, body, options });
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
