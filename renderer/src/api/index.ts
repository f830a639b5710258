/**
 * The renderer's only door to main: the one user of `window.yj`. Calls resolve with data or
 * reject with an ApiError carrying a stable code; events are fanned out from one subscription.
 */
import type {
  AppEvent,
  ApiErrorShape,
  ErrorCode,
  EventName,
  Events,
  RouteInput,
  RouteName,
  RouteOutput,
  YjBridge,
} from '@contract';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus?: number;

  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.httpStatus = shape.httpStatus;
  }
}

function bridge(): YjBridge {
  const yj = (window as unknown as { yj?: YjBridge }).yj;
  if (!yj) throw new ApiError({ code: 'internal', message: 'window.yj is missing: the app was opened outside its host' });
  return yj;
}

type Listener<K extends EventName> = (payload: Events[K]) => void;
const listeners = new Map<EventName, Set<Listener<EventName>>>();
let unsubscribeBridge: (() => void) | null = null;

function dispatch(message: AppEvent): void {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
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

  /** Subscribes to one event; the first subscription opens the single bridge subscription. */
  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    if (!unsubscribeBridge) unsubscribeBridge = bridge().onEvent(dispatch);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  },

  /** Test helper: forget every subscription (each test mounts a fresh fake bridge). */
  resetForTests(): void {
    unsubscribeBridge?.();
    unsubscribeBridge = null;
    listeners.clear();
  },
};

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
