import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { defineComponent, h, ref } from 'vue';
import LibraryCard from './LibraryCard.vue';
import { installFakeBridge, mountWithProviders } from '@/api/testing/fake-bridge';
import { fakeLibraryItem } from '@/testing/library';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

describe('LibraryCard', () => {
  it('mounted during a fast scroll, loads its poster only once the list settles, then keeps it', async () => {
    installFakeBridge();
    const settled = ref(false);
    const Host = defineComponent(() => () => h(LibraryCard, { item: fakeLibraryItem({ id: 'x' }), dateText: '2026-12-02 10:00', settled: settled.value }));
    await mountWithProviders(Host);
    expect(document.querySelector('video')).toBeNull();
    settled.value = true;
    await flushPromises();
    expect(document.querySelector('video')?.getAttribute('src')).toBe('/__yj/media/x.mp4?token=t#t=0.5');
    settled.value = false; // the next scroll: a poster already shown stays
    await flushPromises();
    expect(document.querySelector('video')).not.toBeNull();
  });
});
