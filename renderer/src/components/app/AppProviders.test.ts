import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, onUnmounted, ref } from 'vue';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { useThemeVars } from 'naive-ui';
import { installFakeBridge, mountWithProviders } from '@/api/testing/fake-bridge';
import { useSettingsStore } from '@/stores/settings';

enableAutoUnmount(afterEach);

/** A screen with state of its own that reports the body colour of the theme it is shown in. */
let unmounts = 0;
const Screen = defineComponent({
  setup() {
    const typed = ref('');
    const vars = useThemeVars();
    onUnmounted(() => (unmounts += 1));
    return () =>
      h('div', [
        h('input', { id: 'typed', value: typed.value, onInput: (e: Event) => (typed.value = (e.target as HTMLInputElement).value) }),
        h('span', { id: 'body-color' }, vars.value.bodyColor),
      ]);
  },
});

describe('AppProviders: theme', () => {
  it('switching to dark keeps the screen (and what was typed) and then applies the dark theme', async () => {
    installFakeBridge();
    unmounts = 0;
    const { wrapper } = await mountWithProviders(Screen, { path: '/settings' });
    const settings = useSettingsStore();
    await settings.ensureLoaded();
    const lightBody = wrapper.get('#body-color').text();
    await wrapper.get('#typed').setValue('没发出去的草稿');

    await settings.update({ theme: 'dark' });
    await flushPromises();
    await vi.waitFor(() => expect(wrapper.get('#body-color').text()).not.toBe(lightBody));

    expect(unmounts).toBe(0);
    expect((wrapper.get('#typed').element as HTMLInputElement).value).toBe('没发出去的草稿');
  });
});
