import { describe, expect, it } from 'vitest';
import { routes, safeRedirect } from './index';

describe('safeRedirect', () => {
  it('keeps paths inside the app', () => {
    expect(safeRedirect('/orders?page=2')).toBe('/orders?page=2');
    expect(safeRedirect(['/keys'])).toBe('/keys');
  });

  it.each([undefined, null, '', 'orders', '//evil.example/x', 'https://evil.example', '/login', '/login?redirect=/x', '/setup'])(
    'falls back to the overview for %s',
    (value) => {
      expect(safeRedirect(value)).toBe('/');
    },
  );
});

describe('routes', () => {
  it('loads every screen lazily', () => {
    for (const route of routes) {
      if ('redirect' in route && route.redirect) continue;
      expect(typeof route.component, String(route.path)).toBe('function');
      expect((route.component as () => unknown).length, String(route.path)).toBe(0);
    }
    expect(routes.map((route) => route.path)).toEqual([
      '/login',
      '/setup',
      '/',
      '/orders',
      '/keys',
      '/studio',
      '/tasks',
      '/library',
      '/pricing',
      '/settings',
      '/:pathMatch(.*)*',
    ]);
  });
});
