import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import AppNotices from './AppNotices.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

describe('in-page notices', () => {
  it('shows an app.notice and opens its task when clicked', async () => {
    const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }) });
    const { router } = await mountWithProviders(AppNotices, { path: '/' });
    // Main's title is bilingual (for the system notification); the page titles it in its own language.
    bridge.emit('app.notice', { id: 'n1', kind: 'task.succeeded', localId: 'L7', title: '视频已生成 / Video ready', body: '白鹭掠过湖面' });
    await vi.waitFor(() => expect(byId('notice-open-n1')).not.toBeNull());
    expect(document.body.textContent).toContain('视频已生成');
    expect(document.body.textContent).toContain('白鹭掠过湖面');
    expect(document.body.textContent).not.toContain('Video ready');
    await click('notice-open-n1');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/tasks?focus=L7'));
  });
});
