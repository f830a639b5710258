/** The app-wide guard: every web contents the app creates gets the main window's guards, once. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger';
import { FakeWebContents } from '../testing/electron-fake';
import { guardEveryWebContents, guardWebContents } from './security';

const APP = 'http://localhost:5173/';

function setup() {
  const app = new EventEmitter();
  const opened: string[] = [];
  const options = {
    isAppUrl: (url: string) => url.startsWith(APP),
    opener: { open: vi.fn(async (url: string) => void opened.push(url)) },
    platformBaseUrl: () => 'https://yuanjing.example.cn',
    logger: silentLogger,
  };
  guardEveryWebContents(app as never, options);
  return { app, options, opened };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('guardEveryWebContents', () => {
  it('guards a web contents created anywhere: no webview, no new window, no foreign navigation, no permissions', async () => {
    const { app } = setup();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-attach-webview', {})).toBe(true);
    expect(contents.fire('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(contents.fire('will-navigate', { url: `${APP}#/orders` })).toBe(false);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const decisions: boolean[] = [];
    contents.session.permissionRequest?.(...([contents, 'media', (allowed: boolean) => decisions.push(allowed), { isMainFrame: true, requestingUrl: APP }] as never[]));
    expect(decisions).toEqual([false]);
    expect(contents.session.devicePermission?.(...([] as never[]))).toBe(false);
    await settle();
  });

  it('guards a contents once even when the window factory guards it too, so an allowed link opens once', async () => {
    const { app, options, opened } = setup();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    guardWebContents(contents as never, options);
    contents.openHandler?.({ url: 'https://yuanjing.example.cn/help' });
    contents.fire('will-navigate', { url: 'https://yuanjing.example.cn/help' });
    await settle();
    expect(opened).toEqual(['https://yuanjing.example.cn/help', 'https://yuanjing.example.cn/help']);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
