/**
 * Hash history (the app is loaded from a file:// URL in Electron and from the browser host),
 * every screen lazy so the sign-in screen loads only what it needs.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable while signed out. */
    public?: boolean;
    /** Shown without the app header (sign-in, first start). */
    bare?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, bare: true } },
  { path: '/setup', name: 'setup', component: () => import('@/views/SetupView.vue'), meta: { public: true, bare: true } },
  { path: '/', name: 'overview', component: () => import('@/views/OverviewView.vue') },
  { path: '/orders', name: 'orders', component: () => import('@/views/OrdersView.vue') },
  { path: '/keys', name: 'keys', component: () => import('@/views/KeysView.vue') },
  { path: '/studio', name: 'studio', component: () => import('@/views/StudioView.vue') },
  { path: '/tasks', name: 'tasks', component: () => import('@/views/TasksView.vue') },
  { path: '/library', name: 'library', component: () => import('@/views/LibraryView.vue') },
  { path: '/pricing', name: 'pricing', component: () => import('@/views/PricingView.vue') },
  // Public: the sign-in and setup screens link here to change the server.
  { path: '/settings', name: 'settings', component: () => import('@/views/SettingsView.vue'), meta: { public: true } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

export function createAppRouter(history: RouterHistory = createWebHashHistory()): Router {
  return createRouter({ history, routes });
}

/**
 * Where to go after signing in: only a path inside the app (never `//host`, never back to the
 * login screen itself); anything else falls back to the overview.
 */
export function safeRedirect(value: unknown): string {
  const target = Array.isArray(value) ? value[0] : value;
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return '/';
  if (target === '/login' || target.startsWith('/login?') || target.startsWith('/setup')) return '/';
  return target;
}
