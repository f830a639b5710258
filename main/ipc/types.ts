import type { ZodType } from 'zod';
import type { RouteInput, RouteName, RouteOutput } from '../../preload/contract';

/** A handler gets validated input and returns the data, or throws an AppError. */
export type Handler<K extends RouteName> = (input: RouteInput<K>) => Promise<RouteOutput<K>>;

/** Exhaustive: a route added to the contract without a handler fails to type-check. */
export type HandlerMap = { [K in RouteName]: Handler<K> };

/** One input schema per route (z.void()/z.undefined() for routes without input). */
export type SchemaMap = { [K in RouteName]: ZodType<RouteInput<K>> };
