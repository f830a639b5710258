/**
 * The IPC router: one pure function from (route, input) to a Result envelope. Electron's
 * ipcMain (register.ts) and the browser host (main/host) both call it, so it imports no
 * electron and never throws: every failure becomes `{ ok: false, error }`.
 *
 * Threats it closes: a renderer naming an inherited property (`__proto__`, `constructor`) to
 * reach something that is not a handler; input that does not match its schema reaching a
 * service; internal error text (paths, server bodies, secrets) crossing into the renderer.
 */
import type { ZodType } from 'zod';
import type { ApiErrorShape, Result } from '../../preload/contract';
import { isAppError } from '../lib/errors';
import type { Logger } from '../core/ports';
import type { HandlerMap, SchemaMap } from '../core/routes';

export interface RouterDeps {
  handlers: HandlerMap;
  schemas: SchemaMap;
  logger: Logger;
}

export type Router = (route: unknown, input: unknown) => Promise<Result<unknown>>;

type AnyHandler = (input: unknown) => Promise<unknown>;

/** Route names are short dotted identifiers; anything longer is not worth echoing in a log. */
const MAX_ROUTE_LOG_LENGTH = 64;
/** A readable message lists at most this many schema issues. */
const MAX_ISSUES = 3;
const MAX_ISSUE_MESSAGE = 120;

export function createRouter({ handlers, schemas, logger }: RouterDeps): Router {
  return async function route(name, input) {
    try {
      const handler = ownFunction<AnyHandler>(handlers, name);
      const schema = ownSchema(schemas, name);
      if (!handler || !schema) {
        logger.warn('ipc: unknown route', { route: describeRoute(name) });
        return failure({ code: 'unknown_route', message: 'Unknown route' });
      }

      const parsed = await schema.safeParseAsync(input);
      if (!parsed.success) {
        return failure({ code: 'invalid_input', message: describeIssues(parsed.error.issues) });
      }

      const data = await handler(parsed.data);
      return { ok: true, data };
    } catch (error) {
      if (isAppError(error)) return failure(error.toShape());
      // The real error is logged (the logger redacts); the renderer gets a generic text.
      logger.error('ipc: handler failed', { route: describeRoute(name), error, stack: stackOf(error) });
      return failure({ code: 'internal', message: 'Internal error' });
    }
  };
}

function failure(error: ApiErrorShape): Result<never> {
  return { ok: false, error };
}

/** Own, enumerable-or-not data properties only: the prototype chain is never consulted. */
function ownFunction<T>(table: object, name: unknown): T | null {
  if (typeof name !== 'string' || !Object.hasOwn(table, name)) return null;
  const value: unknown = (table as Record<string, unknown>)[name];
  return typeof value === 'function' ? (value as T) : null;
}

function ownSchema(table: object, name: unknown): ZodType | null {
  if (typeof name !== 'string' || !Object.hasOwn(table, name)) return null;
  const value: unknown = (table as Record<string, unknown>)[name];
  const looksLikeSchema =
    typeof value === 'object' && value !== null && typeof (value as { safeParseAsync?: unknown }).safeParseAsync === 'function';
  return looksLikeSchema ? (value as ZodType) : null;
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/**
 * "phone: Too small: expected string to have >=11 characters". Zod's default messages name
 * types and limits, never the received value; the text is clipped in case a custom message
 * is long. Input values are never interpolated here.
 */
export function describeIssues(issues: readonly IssueLike[]): string {
  if (issues.length === 0) return 'Invalid input';
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map((key) => String(key)).join('.') : '(input)';
    return `${path}: ${clip(issue.message, MAX_ISSUE_MESSAGE)}`;
  });
  const more = issues.length > MAX_ISSUES ? ` (+${issues.length - MAX_ISSUES} more)` : '';
  return `Invalid input — ${parts.join('; ')}${more}`;
}

function describeRoute(name: unknown): string {
  return typeof name === 'string' ? clip(name, MAX_ROUTE_LOG_LENGTH) : `[${typeof name}]`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
