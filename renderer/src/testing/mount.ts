/**
 * Mounts a component the way the app shows it: inside AppProviders (Naive UI providers,
 * locale, theme), with pinia, vue-i18n and a real router (memory history) whose guards are
 * the app's own, and main's events feeding the stores as at start-up (events.ts). Install a
 * fake bridge first (api/testing/fake-bridge.ts).
 */
import { defineComponent, h, type Component } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router';
import type { Language } from '@contract';
import AppProviders from '@/components/app/AppProviders.vue';
import { installEvents } from '@/events';
import { i18n, setLocale } from '@/i18n';
import { routes as appRoutes } from '@/router';
import { installRouterGuards } from '@/router/guards';

export interface MountOptions {
  /** Defaults to the app's own routes. */
  routes?: RouteRecordRaw[];
  pinia?: Pinia;
  /** Where the router starts, e.g. '/login?redirect=/orders'. Defaults to '/'. */
  path?: string;
  props?: Record<string, unknown>;
  /** Install the app's navigation guards (default true). */
  guards?: boolean;
  /** Wrap in AppProviders (default true); false for components that bring their own, like App.vue. */
  providers?: boolean;
  locale?: Language;
}

export interface Mounted {
  wrapper: VueWrapper;
  router: Router;
  pinia: Pinia;
}

/** The previous mount's events: its window listeners must not act on the next test's bridge. */
let uninstallPreviousEvents: (() => void) | null = null;

export async function mountWithProviders(component: Component, options: MountOptions = {}): Promise<Mounted> {
  const pinia = options.pinia ?? createPinia();
  setActivePinia(pinia);
  uninstallPreviousEvents?.();
  uninstallPreviousEvents = installEvents(pinia);
  setLocale(options.locale ?? 'zh-CN');
  const router = createRouter({ history: createMemoryHistory(), routes: options.routes ?? appRoutes });
  if (options.guards ?? true) installRouterGuards(router, pinia);
  await router.push(options.path ?? '/');
  await router.isReady();

  const Host = defineComponent({
    name: 'TestHost',
    setup: () => () => {
      const inner = h(component, options.props ?? {});
      return options.providers === false ? inner : h(AppProviders, null, { default: () => inner });
    },
  });
  const wrapper = mount(Host, {
    global: {
      plugins: [pinia, i18n, router],
      // Real transitions: Naive's focus trap looks for the element a stub would replace.
      stubs: { transition: false, 'transition-group': false },
    },
    attachTo: document.body,
  });
  await flushPromises();
  return { wrapper, router, pinia };
}
