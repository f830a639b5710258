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
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/tasks?focus=L7'), { timeout: 10_000 });
  });

  it('opens the library for a finished download and its downloads tab for a failed one', async () => {
    const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }) });
    const { router } = await mountWithProviders(AppNotices, { path: '/' });
    bridge.emit('app.notice', { id: 'd1', kind: 'download.done', title: '视频已下载 / Video downloaded', body: '江南古镇.mp4' });
    await vi.waitFor(() => expect(byId('notice-open-d1')).not.toBeNull());
    expect(document.body.textContent).toContain('江南古镇.mp4');
    await click('notice-open-d1');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/library'), { timeout: 10_000 });

    bridge.emit('app.notice', { id: 'd2', kind: 'download.failed', title: '视频下载失败 / Video download failed', body: 'b.mp4 — 链接已失效' });
    await vi.waitFor(() => expect(byId('notice-open-d2')).not.toBeNull());
    await click('notice-open-d2');
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/library?tab=downloads'), { timeout: 10_000 });
  });
});
