import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createAppUrlCheck, createSenderCheck } from './trust';

const ours = {} as WebContents;
const policy = { allowedOrigins: ['http://localhost:5173'] };
const event = (sender: unknown, frame: { url: string; parent: unknown } | null) =>
  ({ sender, senderFrame: frame }) as unknown as Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

describe('createSenderCheck', () => {
  const check = createSenderCheck(() => ours, policy);

  it('trusts the top frame of our window on our page', () => {
    expect(check(event(ours, { url: 'http://localhost:5173/#/', parent: null }))).toBe(true);
  });

  it('refuses another webContents, a sub-frame, a gone frame and a foreign page', () => {
    expect(check(event({}, { url: 'http://localhost:5173/', parent: null }))).toBe(false);
    expect(check(event(ours, { url: 'http://localhost:5173/', parent: {} }))).toBe(false);
    expect(check(event(ours, null))).toBe(false);
    expect(check(event(ours, { url: 'https://evil.example/', parent: null }))).toBe(false);
  });

  it('refuses everything while there is no window', () => {
    expect(createSenderCheck(() => null, policy)(event(ours, { url: 'http://localhost:5173/', parent: null }))).toBe(false);
  });
});

describe('createAppUrlCheck', () => {
  it('accepts our page only', () => {
    const isApp = createAppUrlCheck(policy);
    expect(isApp('http://localhost:5173/#/keys')).toBe(true);
    expect(isApp('https://openapi.alipay.com/')).toBe(false);
  });
});
