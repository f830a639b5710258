import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../lib/errors';
import { createShellOpener, isOpenableScheme } from './opener';

describe('isOpenableScheme', () => {
  it.each([
    ['https://openapi.alipay.com/gateway.do?x=1', true],
    ['http://127.0.0.1:4100/__sim/pay/1', true],
    ['http://localhost:4100/__sim/pay/1', true],
    ['http://example.com/', false],
    ['https://user:pw@example.com/', false],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['javascript:alert(1)', false],
    ['ms-settings:', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isOpenableScheme(url)).toBe(expected);
  });
});

describe('createShellOpener', () => {
  it('hands https URLs to shell.openExternal', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    await createShellOpener(shell).open('https://openapi.alipay.com/gateway.do');
    expect(shell.openExternal).toHaveBeenCalledWith('https://openapi.alipay.com/gateway.do', { activate: true });
  });

  it('refuses other schemes with url_refused, never reaching the OS', async () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const error = await createShellOpener(shell).open('file:///C:/Windows/System32/calc.exe').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('url_refused');
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});
