/**
 * The desktop's yj-media:// handler, called the way Electron calls it (a fetch Request in, a
 * Response out) against a real folder: refusals, ranges, the scheme's privileges.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REFUSED_MEDIA_PATHS } from '../testing/media-attacks';
import { registerAppScheme } from './app-protocol';
import { MEDIA_SCHEME_PRIVILEGES, mediaUrlFor, serveMediaFiles } from './media-protocol';

const base = mkdtempSync(join(tmpdir(), 'yj-media-protocol-'));
const library = join(base, 'library');
mkdirSync(library, { recursive: true });
const VIDEO = Buffer.from(Array.from({ length: 2048 }, (_, i) => i % 253));
writeFileSync(join(library, '屋顶 上的猫.mp4'), VIDEO);
writeFileSync(join(base, 'secret.mp4'), 'SECRET');
symlinkSync(join(base, 'secret.mp4'), join(library, 'escape.mp4'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function handler(): (request: Request) => Promise<Response> {
  const protocol = { handle: vi.fn() };
  serveMediaFiles(protocol, () => library);
  expect(protocol.handle.mock.calls[0]![0]).toBe('yj-media');
  return protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
}

/** Request objects normalise some URLs; the raw text is what Electron hands over, so fake it. */
function rawRequest(url: string, headers: Record<string, string> = {}): Request {
  return { url, method: 'GET', headers: new Headers(headers) } as unknown as Request;
}

describe('yj-media://library/', () => {
  const serve = handler();

  it('is registered with the app scheme in one call, streamable, not bypassing the CSP', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol, [MEDIA_SCHEME_PRIVILEGES]);
    const schemes = protocol.registerSchemesAsPrivileged.mock.calls[0]![0] as { scheme: string; privileges: Record<string, boolean> }[];
    expect(schemes.map((s) => s.scheme)).toEqual(['app', 'yj-media']);
    expect(schemes[1]!.privileges).toEqual({ standard: true, secure: true, stream: true, supportFetchAPI: true });
  });

  it('plays a file by the URL the library gives it, with ranges', async () => {
    const url = mediaUrlFor('屋顶 上的猫.mp4');
    expect(url).toBe(`yj-media://library/${encodeURIComponent('屋顶 上的猫.mp4')}`);
    const whole = await serve(rawRequest(url));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(VIDEO)).toBe(true);
    const part = await serve(rawRequest(url, { Range: 'bytes=-100' }));
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 1948-2047/2048');
    expect(Buffer.from(await part.arrayBuffer()).equals(VIDEO.subarray(1948))).toBe(true);
    expect((await serve(rawRequest(url, { Range: 'bytes=4096-' }))).status).toBe(416);
  });

  it.each([...REFUSED_MEDIA_PATHS, ['a symlink pointing outside', 'escape.mp4'] as [string, string]])('refuses %s', async (_name, encoded) => {
    const answer = await serve(rawRequest(`yj-media://library/${encoded}`));
    expect([400, 404]).toContain(answer.status);
    expect(await answer.text()).not.toContain('SECRET');
  });

  it('refuses another host and answers 404 for a missing file', async () => {
    expect((await serve(rawRequest('yj-media://elsewhere/%E5%B1%8B.mp4'))).status).toBe(404);
    expect((await serve(rawRequest('yj-media://library/gone.mp4'))).status).toBe(404);
  });
});
