import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { useThemeVars } from 'naive-ui';
import { installFakeBridge, mountWithProviders } from '@/api/testing/fake-bridge';
import { useSettingsStore } from '@/stores/settings';
import RouterTextLink from './RouterTextLink.vue';

enableAutoUnmount(afterEach);

/** The link next to the theme's primary colour, so the test can compare the two. */
const Screen = defineComponent({
  setup() {
    const vars = useThemeVars();
    return () =>
      h('div', [
        h(RouterTextLink, { to: { path: '/tasks', query: { focus: 'L1' } }, 'data-testid': 'link' }, () => '查看任务'),
        h('span', { id: 'primary' }, vars.value.primaryColor),
      ]);
  },
});

describe('RouterTextLink', () => {
  it('is a real link in the theme colour (light and dark), not the browser blue, and navigates in the app', async () => {
    installFakeBridge();
    const { wrapper, router } = await mountWithProviders(Screen, { path: '/settings', guards: false });
    const settings = useSettingsStore();
    await settings.ensureLoaded();
    const link = () => wrapper.get('[data-testid="link"]');
    const colour = () => (link().element as HTMLElement).style.getPropertyValue('--n-text-color');

    expect(link().element.tagName).toBe('A');
    expect(link().attributes('href')).toBe('/tasks?focus=L1');
    expect(link().classes()).toContain('n-button--primary-type');
    const lightPrimary = wrapper.get('#primary').text();
    expect(colour()).toBe(lightPrimary);

    await settings.update({ theme: 'dark' });
    await vi.waitFor(() => expect(wrapper.get('#primary').text()).not.toBe(lightPrimary));
    await flushPromises();
    expect(colour()).toBe(wrapper.get('#primary').text());

    await link().trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/tasks?focus=L1'));
  });
});
