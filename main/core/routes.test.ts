import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ROUTE_NAMES } from '../../preload/contract';
import { capturingLogger } from '../testing/capturing-logger';
import { disposeInReverse } from './module';
import { gateHandlers, mergeRoutes, type RouteSet } from './routes';

const appInfo: RouteSet<'app.info'> = {
  handlers: { 'app.info': async () => ({}) as never },
  schemas: { 'app.info': z.undefined() },
};

describe('mergeRoutes', () => {
  it('refuses a route served by two modules', () => {
    // @ts-expect-error most contract routes have no handler here: the compiler names them
    expect(() => mergeRoutes([appInfo, appInfo])).toThrow('route app.info is served twice');
  });

  it('refuses a handler without an input schema', () => {
    const broken = { handlers: { 'app.info': appInfo.handlers['app.info'] }, schemas: {} } as unknown as RouteSet<'app.info'>;
    // @ts-expect-error incomplete on purpose
    expect(() => mergeRoutes([broken])).toThrow('route app.info has no input schema');
  });

  it('merges complete sets into one map per kind', () => {
    const sets = ROUTE_NAMES.map((route) => ({ handlers: { [route]: async () => route }, schemas: { [route]: z.any() } }));
    const merged = mergeRoutes(sets as unknown as RouteSet<(typeof ROUTE_NAMES)[number]>[]);
    expect(Object.keys(merged.handlers).sort()).toEqual([...ROUTE_NAMES].sort());
    expect(Object.keys(merged.schemas).sort()).toEqual([...ROUTE_NAMES].sort());
  });
});

describe('gateHandlers', () => {
  it('holds every call until ready resolves', async () => {
    let open!: () => void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const calls: string[] = [];
    const gated = gateHandlers({ 'app.info': async () => void calls.push('ran') } as never, ready);
    const pending = (gated as unknown as Record<string, () => Promise<void>>)['app.info']!();
    await Promise.resolve();
    expect(calls).toEqual([]);
    open();
    await pending;
    expect(calls).toEqual(['ran']);
  });
});

describe('disposeInReverse', () => {
  it('stops modules last-built first, awaiting each, and goes on past a failing one', async () => {
    const order: string[] = [];
    const logger = capturingLogger();
    const module = (name: string, fail = false) => ({
      dispose: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(name);
        if (fail) throw new Error(`${name} failed`);
      },
    });
    await disposeInReverse([module('settings'), module('session'), module('balance', true), module('clipboard')], logger);
    expect(order).toEqual(['clipboard', 'balance', 'session', 'settings']);
    expect(logger.lines.join('\n')).toContain('a core module failed to stop');
  });
});
