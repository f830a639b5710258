import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, Notification } from 'electron';
import type { FakeBrowserWindow } from '../testing/electron-fake';
import { createNotifier } from './notifier';

vi.mock('electron', async () => (await import('../testing/electron-fake')).createElectronFake());

const Fake = BrowserWindow as unknown as typeof FakeBrowserWindow;
afterEach(() => {
  Fake.focused = null;
});

describe('createNotifier', () => {
  it('shows a system notification and says whether an app window has the focus', () => {
    const notifier = createNotifier();
    notifier.notify({ title: '视频已下载 / Video downloaded', body: 'a.mp4' });
    expect((Notification as unknown as { shown: { title: string }[] }).shown.at(-1)?.title).toBe('视频已下载 / Video downloaded');
    expect(notifier.appFocused?.()).toBe(false);
    Fake.focused = new Fake({});
    expect(notifier.appFocused?.()).toBe(true);
  });
});
