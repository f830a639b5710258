/**
 * Routes as main serves them: one handler and one input schema per contract route, collected
 * from the domain modules by a generic merge. Adding a route is one contract entry and one
 * handler: the merge fails to type-check while any contract route has no handler, and throws at
 * start if two modules claim the same route.
 */
import type { ZodType } from 'zod';
import type { RouteInput, RouteName, RouteOutput } from '../../preload/contract';

/** A handler gets validated input and returns the data, or throws an AppError. */
export type Handler<K extends RouteName> = (input: RouteInput<K>) => Promise<RouteOutput<K>>;

/** Exhaustive: a route added to the contract without a handler fails to type-check. */
export type HandlerMap = { [K in RouteName]: Handler<K> };

/** One input schema per route (noInput for routes without input). */
export type SchemaMap = { [K in RouteName]: ZodType<RouteInput<K>> };

/** What one domain serves: some routes, each with its handler and its schema. */
export interface RouteSet<K extends RouteName> {
  handlers: Pick<HandlerMap, K>;
  schemas: Pick<SchemaMap, K>;
}

type AnyRouteSet = { handlers: object; schemas: object };
type Covered<S> = S extends { handlers: infer H } ? keyof H : never;
/** The contract routes no set serves (never when the sets are complete). */
export type MissingRoutes<S> = Exclude<RouteName, Covered<S>>;

/**
 * Merges the domain route sets into the maps the router needs. The rest parameter is empty only
 * when every contract route is served, so a missing handler is a compile error naming it.
 */
export function mergeRoutes<S extends AnyRouteSet>(
  sets: readonly S[],
  ..._complete: [MissingRoutes<S>] extends [never] ? [] : [missing: MissingRoutes<S>]
): { handlers: HandlerMap; schemas: SchemaMap } {
  const handlers: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const set of sets) {
    for (const [route, handler] of Object.entries(set.handlers)) {
      if (Object.hasOwn(handlers, route)) throw new Error(`route ${route} is served twice`);
      if (!Object.hasOwn(set.schemas, route)) throw new Error(`route ${route} has no input schema`);
      handlers[route] = handler;
      schemas[route] = (set.schemas as Record<string, unknown>)[route];
    }
  }
  return { handlers: handlers as HandlerMap, schemas: schemas as SchemaMap };
}

/**
 * Every handler first waits for `ready` (the persisted session restored), so an early
 * `auth.state` cannot answer "signed out" for a user who is about to be restored.
 */
export function gateHandlers(handlers: HandlerMap, ready: Promise<void>): HandlerMap {
  const gated: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [route, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<unknown>][]) {
    gated[route] = async (input) => {
      await ready;
      return handler(input);
    };
  }
  return gated as unknown as HandlerMap;
}
