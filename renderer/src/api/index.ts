/**
 * The renderer's only door to main: the one user of `window.yj`. Calls resolve with data or
 * reject with an ApiError carrying a stable code. Events reach the stores through one
 * subscription that renderer/src/events.ts opens at start-up. The facade keeps no state of its
 * own, so tests need no reset hook: each installs a fresh fake `window.yj`.
 */
import type {
  AppEvent,
  ApiErrorShape,
  ErrorCode,
  RouteInput,
  RouteName,
  RouteOutput,
  YjBridge,
} from '@contract';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus?: number;
  /** `busy`: the seconds the server asked to wait. */
  readonly retryAfterSeconds?: number;

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.httpStatus = shape.httpStatus;
    this.retryAfterSeconds = shape.retryAfterSeconds;
  }
}

function bridge(): YjBridge {
  const yj = (window as unknown as { yj?: YjBridge }).yj;
  if (!yj) throw new ApiError({ code: 'internal', message: 'window.yj is missing: the app was opened outside its host' });
  return yj;
}

export const api = {
  async call<K extends RouteName>(route: K, ...input: RouteInput<K> extends void ? [] : [RouteInput<K>]): Promise<RouteOutput<K>> {
    let result;
    try {
      result = await bridge().invoke(route, input[0] as RouteInput<K>);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError({ code: 'transport', message: error instanceof Error ? error.message : String(error) });
    }
    if (result.ok) return result.data;
    throw new ApiError(result.error);
  },

  /**
   * Every event main publishes, on its one channel. Only events.ts calls this (once per app):
   * a second subscriber would be a second place where stores change behind each other's back.
   * Throws ApiError('internal') when the page has no host bridge.
   */
  onEvent(listener: (message: AppEvent) => void): () => void {
    return bridge().onEvent(listener);
  },
};

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
