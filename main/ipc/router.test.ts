import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Logger } from '../core/ports';
import { createRouter, describeIssues } from './router';
import type { HandlerMap, SchemaMap } from '../core/routes';

function fakeLogger(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, fields) => lines.push({ level: 'info', message, fields }),
    warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
    error: (message, fields) => lines.push({ level: 'error', message, fields }),
  };
}

/** A small table standing in for the real maps (the router never looks at the route names). */
function setup(overrides: Record<string, (input: unknown) => Promise<unknown>> = {}) {
  const handlers = {
    'auth.login': vi.fn(async (input: unknown) => ({ kind: 'signedIn', echo: input })),
    'app.info': vi.fn(async () => ({ version: '1.0.0' })),
    'keys.reveal': vi.fn(async () => ({ appId: 'a' })),
    ...overrides,
  };
  const schemas = {
    'auth.login': z.object({ phone: z.string().regex(/^1\d{10}$/, 'must be a mainland mobile number'), code: z.string().length(6) }).strict(),
    'app.info': z.union([z.undefined(), z.null()]).transform(() => undefined),
    'settings.get': z.undefined(),
    'keys.reveal': z.object({ appId: z.string() }),
  };
  for (const name of Object.keys(overrides)) if (!(name in schemas)) Object.assign(schemas, { [name]: z.unknown() });
  const logger = fakeLogger();
  const route = createRouter({ handlers: handlers as unknown as HandlerMap, schemas: schemas as unknown as SchemaMap, logger });
  return { route, handlers, logger };
}

describe('createRouter', () => {
  it('answers a success envelope with the handler data, passing the parsed input', async () => {
    const { route, handlers } = setup();
    const result = await route('auth.login', { phone: '13900000001', code: '123456' });
    expect(result).toEqual({ ok: true, data: { kind: 'signedIn', echo: { phone: '13900000001', code: '123456' } } });
    expect(handlers['auth.login']).toHaveBeenCalledTimes(1);
  });

  it('passes the schema output (transforms applied), not the raw input', async () => {
    const { route, handlers } = setup();
    expect(await route('app.info', null)).toEqual({ ok: true, data: { version: '1.0.0' } });
    expect(handlers['app.info']).toHaveBeenCalledWith(undefined);
  });

  it('refuses an unknown route', async () => {
    const { route } = setup();
    expect(await route('nope.nothing', {})).toEqual({ ok: false, error: { code: 'unknown_route', message: 'Unknown route' } });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'refuses the inherited property %s as unknown_route',
    async (name) => {
      const { route } = setup();
      const result = await route(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown_route');
    },
  );

  it.each([[42], [null], [undefined], [{ toString: () => 'app.info' }], [['app.info']], [Symbol('app.info')]])(
    'refuses a non-string route (%s)',
    async (name) => {
      const { route, handlers } = setup();
      const result = await route(name, undefined);
      expect(result).toEqual({ ok: false, error: { code: 'unknown_route', message: 'Unknown route' } });
      expect(handlers['app.info']).not.toHaveBeenCalled();
    },
  );

  it('refuses a route that has a schema but no handler, and one with a handler but no schema', async () => {
    const { route } = setup();
    expect((await route('settings.get', undefined)).ok).toBe(false);
    const handlers = { 'x.y': async () => 1 } as unknown as HandlerMap;
    const bare = createRouter({ handlers, schemas: {} as SchemaMap, logger: fakeLogger() });
    const result = await bare('x.y', undefined);
    expect(!result.ok && result.error.code).toBe('unknown_route');
  });

  it('answers invalid_input with path and issue, and never calls the handler', async () => {
    const { route, handlers } = setup();
    const result = await route('auth.login', { phone: '12345', code: '123456' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('phone');
    expect(result.error.message).toContain('must be a mainland mobile number');
    expect(handlers['auth.login']).not.toHaveBeenCalled();
  });

  it('never echoes the rejected values in the message', async () => {
    const { route } = setup();
    const secretCode = 'SECRET-9f8e7d';
    const result = await route('auth.login', { phone: '13900000001', code: secretCode, extra: 'hunter2-password' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).not.toContain(secretCode);
    expect(result.error.message).not.toContain('hunter2');
    expect(result.error.message).toContain('code');
  });

  it('rejects a wrong input type (a string where an object belongs)', async () => {
    const { route, handlers } = setup();
    const result = await route('keys.reveal', 'app-1');
    expect(!result.ok && result.error.code).toBe('invalid_input');
    expect(handlers['keys.reveal']).not.toHaveBeenCalled();
  });

  it('turns an AppError into its shape', async () => {
    const { route } = setup({
      'app.info': async () => {
        throw new AppError('app', '余额不足', { httpStatus: 200, detail: 'raw server text' });
      },
    });
    expect(await route('app.info', undefined)).toEqual({ ok: false, error: { code: 'app', message: '余额不足', httpStatus: 200 } });
  });

  it('turns any other throw into internal with a generic message, and logs the real error', async () => {
    const { route, logger } = setup({
      'app.info': async () => {
        throw new Error('ECONNREFUSED /home/user/.config/secret-path cookie=abc');
      },
    });
    const result = await route('app.info', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    expect(JSON.stringify(result)).not.toContain('ECONNREFUSED');
    const logged = logger.lines.find((line) => line.level === 'error');
    expect(logged?.fields?.route).toBe('app.info');
    expect(String((logged?.fields?.error as Error).message)).toContain('ECONNREFUSED');
  });

  it('never throws, even for non-Error throws and a throwing schema', async () => {
    const { route } = setup({
      'app.info': () => Promise.reject('a string'),
    });
    await expect(route('app.info', undefined)).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'Internal error' } });
    const schemas = {
      'app.info': z.unknown().transform(() => {
        throw new Error('boom');
      }),
    } as unknown as SchemaMap;
    const broken = createRouter({ handlers: { 'app.info': async () => 1 } as unknown as HandlerMap, schemas, logger: fakeLogger() });
    await expect(broken('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('describeIssues', () => {
  it('lists at most three issues and counts the rest', () => {
    const issues = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ path: [key], message: 'Required' }));
    expect(describeIssues(issues)).toBe('Invalid input — a: Required; b: Required; c: Required (+2 more)');
  });

  it('names the whole input when the path is empty and clips long messages', () => {
    const text = describeIssues([{ path: [], message: 'x'.repeat(500) }]);
    expect(text.startsWith('Invalid input — (input): ')).toBe(true);
    expect(text.length).toBeLessThan(160);
  });
});
