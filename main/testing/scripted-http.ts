/**
 * A PlatformHttp whose answers the test writes: for the answer shapes and failures the
 * simulator has no switch for (a list read failing only after a POST, a bare array, an error
 * with a particular message). Records every call. Tests only.
 */
import type { HttpRequestOptions, PlatformHttpClient } from '../platform/http';
import type { OkOrChoose } from '../platform/types';

export interface ScriptedCall {
  method: 'GET' | 'POST';
  path: string;
  /** The query of a GET or the body of a POST. */
  params: Record<string, unknown> | undefined;
  options: HttpRequestOptions | undefined;
}

/** Returns the `data` of an ok answer, an OkOrChoose, or throws (an AppError) to fail the call. */
export type ScriptedAnswer = (call: ScriptedCall) => unknown;

export interface ScriptedHttp extends PlatformHttpClient {
  calls: ScriptedCall[];
}

const isOkOrChoose = (value: unknown): value is OkOrChoose =>
  typeof value === 'object' && value !== null && 'kind' in value && ((value as OkOrChoose).kind === 'ok' || (value as OkOrChoose).kind === 'choose');

/** `answer` may be one function for every call, or a queue: each call takes the next one. */
export function scriptedHttp(answer: ScriptedAnswer | ScriptedAnswer[]): ScriptedHttp {
  const calls: ScriptedCall[] = [];
  const queue = Array.isArray(answer) ? [...answer] : null;
  const respond = async (call: ScriptedCall): Promise<OkOrChoose> => {
    calls.push(call);
    const next = queue ? queue.shift() : (answer as ScriptedAnswer);
    if (!next) throw new Error(`no scripted answer left for ${call.method} ${call.path}`);
    const value = next(call);
    return isOkOrChoose(value) ? value : { kind: 'ok', data: value };
  };
  return {
    calls,
    baseUrl: () => 'https://platform.example',
    get: (path, query, options) => respond({ method: 'GET', path, params: query, options }),
    post: (path, body, options) => respond({ method: 'POST', path, params: body, options }),
    openStream: (path) => Promise.reject(new Error(`no scripted stream for ${path}`)),
  };
}
