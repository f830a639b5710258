import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { exportDiagnostics, scrubText, type DiagnosticsFacts } from './diagnostics';
import { createLogger } from '../lib/logger';

const CANARIES = {
  cookie: 'CANARY-COOKIE-7f3a9c',
  apikey: 'CANARY-APIKEY-51be20',
  secretkey: 'CANARY-SECRET-e2c4d1',
  smsCode: '864213',
  proxyPassword: 'CANARY-PROXYPW-99aa',
};

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-diag-'));
  folders.push(dir);
  return dir;
};

const facts = (logFolder: string): DiagnosticsFacts => ({
  version: '0.1.0',
  runtime: 'electron',
  os: 'darwin 24.1.0',
  arch: 'arm64',
  versions: { electron: '45.4.1', node: '22.20.0' },
  serverUrl: 'https://yj.example.cn',
  sessionPersistence: 'encrypted',
  logFolder,
  settings: { theme: 'system', notifications: true, proxy: { mode: 'custom', url: 'http://proxy.corp:8080' } },
  exportedAt: '2026-12-02T10:00:00.000Z',
});

describe('scrubText', () => {
  it('replaces known secret values anywhere, cookie-shaped pairs and phone numbers', () => {
    const text = `GET /x?apikey=${CANARIES.apikey} cookie: session=abc123def; user 13912345678 said ${CANARIES.proxyPassword}`;
    const out = scrubText(text, [CANARIES.apikey, CANARIES.proxyPassword]);
    expect(out).not.toContain(CANARIES.apikey);
    expect(out).not.toContain(CANARIES.proxyPassword);
    expect(out).not.toContain('abc123def');
    expect(out).toContain('*******5678');
  });

  it('leaves very short "secrets" alone rather than eat ordinary words', () => {
    expect(scrubText('the end', ['e'])).toBe('the end');
  });
});

describe('exportDiagnostics', () => {
  it('writes a zip of the facts and both logs, with no canary secret in any file', async () => {
    const logDir = freshDir();
    // Lines as the app writes them (the logger redacts by field name) …
    const lines: string[] = [];
    const logger = createLogger({ stream: { write: (chunk: string) => lines.push(chunk) } });
    logger.info('signed in', { cookie: CANARIES.cookie, apikey: CANARIES.apikey, code: CANARIES.smsCode });
    // … and lines where a secret reached a message by value, as an older version could write them.
    logger.warn(`request failed for https://yj.example.cn/api?secretkey=${CANARIES.secretkey}`);
    logger.error('proxy refused', { detail: `auth ${CANARIES.proxyPassword} rejected` });
    writeFileSync(join(logDir, 'main.log'), lines.join(''));
    writeFileSync(join(logDir, 'main.previous.log'), `{"msg":"old line with ${CANARIES.cookie}"}\n`);

    const target = join(freshDir(), 'out', 'yuanjing-diagnostics.zip');
    const result = await exportDiagnostics({ facts: facts(logDir), logDir, knownSecrets: Object.values(CANARIES), target });

    expect(result.files).toEqual(['facts.json', 'logs/main.log', 'logs/main.previous.log']);
    const zipBytes = readFileSync(target);
    expect(result.bytes).toBe(zipBytes.byteLength);
    const files = unzipSync(new Uint8Array(zipBytes));
    const everything = Object.values(files).map((bytes) => strFromU8(bytes)).join('\n');
    for (const canary of Object.values(CANARIES)) expect(everything).not.toContain(canary);
    expect(JSON.parse(strFromU8(files['facts.json'])).version).toBe('0.1.0');
    expect(strFromU8(files['logs/main.log'])).toContain('proxy refused');
  });

  it('works without any log yet', async () => {
    const logDir = freshDir();
    const target = join(freshDir(), 'd.zip');
    const result = await exportDiagnostics({ facts: facts(logDir), logDir, knownSecrets: [], target });
    expect(result.files).toEqual(['facts.json']);
  });
});
