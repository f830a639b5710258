import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { APP_PAGE_URL, contentTypeOf, registerAppScheme, resolveAppFile, serveAppFiles } from './app-protocol';

const root = mkdtempSync(join(tmpdir(), 'yj-app-protocol-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>元境</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, '..', 'secret.txt'), 'outside');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveAppFile', () => {
  it('serves the page and the assets of the built renderer', () => {
    expect(resolveAppFile(root, APP_PAGE_URL)).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://bundle/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://bundle/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['dot-dot (normalised away by URL, then outside)', 'app://bundle/../secret.txt'],
    ['encoded dots', 'app://bundle/%2e%2e/secret.txt'],
    ['encoded slash', 'app://bundle/assets%2f..%2f..%2fsecret.txt'],
    ['encoded backslash', 'app://bundle/..%5csecret.txt'],
    ['a backslash', 'app://bundle/..\\secret.txt'],
    ['a NUL byte', 'app://bundle/index.html%00.js'],
    ['an absolute path smuggled in', 'app://bundle//etc/passwd'],
    ['not a URL', 'app://'],
    ['bad percent-encoding', 'app://bundle/%E0%A4%A'],
  ])('never leaves the renderer folder: %s', (_name, url) => {
    // Refused (null), or — where URL parsing already normalised the path — a name inside the folder.
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root + sep)).toBe(true);
    expect(file).not.toBe(join(root, '..', 'secret.txt'));
    expect(file).not.toBe('/etc/passwd');
  });

  it('answers a content type for each kind of file the build makes', () => {
    expect(contentTypeOf('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('a/x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('a/x.bin')).toBe('application/octet-stream');
  });
});

describe('the protocol handler', () => {
  it('registers a standard, secure scheme and serves files with their type, 404 for the rest', async () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    serveAppFiles(protocol, root);
    const [scheme, handler] = protocol.handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const page = await handler(new Request(APP_PAGE_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('元境');
    expect((await handler(new Request('app://bundle/missing.js'))).status).toBe(404);
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
  });
});
