/**
 * "关于" and "导出诊断信息" through the routes: the zip lands where the save dialog said, holds
 * the facts and the logs, and the live session cookie does not survive in it, even when an old
 * log line carries it by value (the scrubber gets it from the jar). Secret-looking settings keys
 * are dropped from the facts (publicSettings).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInput, RouteName, RouteOutput } from '../../../preload/contract';
import { startSimulator, type Simulator } from '../../../simulator/index';
import { LOG_FILE } from '../../lib/log-file';
import { silentLogger } from '../../lib/logger';
import { COOKIE_JAR_SECRET } from '../../platform/cookies';
import { memorySecretBox, memoryStore, recordingFolderOpener, scriptedSaveFilePicker, memoryDataPaths } from '../../testing/memory-ports';
import { createCore, type Core, type CorePorts } from '../index';
import { diagnosticsFileName, publicSettings } from './system';

let sim: Simulator;
const cores: Core[] = [];
const folders: string[] = [];
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'demo', quiet: true });
});
afterAll(() => sim.close());
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.dispose()));
  folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-system-'));
  folders.push(dir);
  return dir;
};

function make(ports: Partial<CorePorts>, logDir: string): Core {
  const core = createCore(
    { store: memoryStore(), secrets: memorySecretBox(), opener: { open: async () => {} }, logger: silentLogger, dataPaths: memoryDataPaths(), ...ports },
    { runtime: 'electron', version: '1.2.3', officialServerUrl: '', envServerUrl: sim.url, logDir },
  );
  cores.push(core);
  return core;
}

async function call<K extends RouteName>(core: Core, route: K, input?: RouteInput<K>): Promise<RouteOutput<K>> {
  return core.handlers[route](core.schemas[route].parse(input) as RouteInput<K>);
}

/** The session cookie's value as the jar persisted it (what a leaked log line would carry). */
async function liveCookieValue(secrets: ReturnType<typeof memorySecretBox>): Promise<string> {
  for (let i = 0; i < 50 && !secrets.data.has(COOKIE_JAR_SECRET); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  const jar = JSON.parse(secrets.data.get(COOKIE_JAR_SECRET) ?? '{"cookies":[]}') as { cookies: { value: string }[] };
  const value = jar.cookies[0]?.value ?? '';
  expect(value.length).toBeGreaterThanOrEqual(6);
  return value;
}

describe('system module', () => {
  it('system.about reports the build, the machine, the server, the session mode and the log folder', async () => {
    const core = make({}, '/var/log/yj');
    const about = await call(core, 'system.about');
    expect(about).toMatchObject({ version: '1.2.3', runtime: 'electron', serverUrl: sim.url, sessionPersistence: 'encrypted', logFolder: '/var/log/yj' });
    expect(about.versions.node).toBe(process.versions.node);
    expect(about.os).not.toBe('');
  });

  it('exports a zip to the chosen path with facts and logs, scrubbed of the live cookie and secret settings', async () => {
    const logDir = freshDir();
    const target = join(freshDir(), 'diag.zip');
    const secrets = memorySecretBox();
    const store = memoryStore();
    const core = make({ secrets, store, saveFilePicker: scriptedSaveFilePicker([target]) }, logDir);
    await call(core, 'auth.sendCode', { phone: '13900000001' });
    expect((await call(core, 'auth.login', { phone: '13900000001', code: '123456' })).kind).toBe('signedIn');
    const cookie = await liveCookieValue(secrets);
    writeFileSync(join(logDir, LOG_FILE), `{"msg":"old version leaked","raw":"${cookie}"}\n`);

    const answer = await call(core, 'diagnostics.export');
    expect(answer).toMatchObject({ cancelled: false, path: target });
    const files = unzipSync(new Uint8Array(readFileSync(target)));
    expect(Object.keys(files).sort()).toEqual(['facts.json', `logs/${LOG_FILE}`]);
    const everything = Object.values(files).map((bytes) => strFromU8(bytes)).join('\n');
    expect(everything).not.toContain(cookie);
    expect(everything).toContain('old version leaked');
    const facts = JSON.parse(strFromU8(files['facts.json']!)) as { version: string; serverUrl: string; settings: Record<string, unknown> };
    expect(facts).toMatchObject({ version: '1.2.3', serverUrl: sim.url });
    expect(facts.settings).toHaveProperty('theme');
  });

  it('answers cancelled when the user closes the save dialog, and writes nothing', async () => {
    const picker = scriptedSaveFilePicker([null]);
    const core = make({ saveFilePicker: picker }, freshDir());
    expect(await call(core, 'diagnostics.export')).toEqual({ cancelled: true });
    expect(picker.asked[0]).toMatch(/^yuanjing-diagnostics-\d{8}-\d{6}\.zip$/);
  });

  it('opens the log folder where a folder opener exists, else only answers its path', async () => {
    const opener = recordingFolderOpener();
    expect(await call(make({ folderOpener: opener }, '/logs/here'), 'diagnostics.openLogFolder')).toEqual({ path: '/logs/here', opened: true });
    expect(opener.opened).toEqual(['/logs/here']);
    expect(await call(make({}, '/logs/here'), 'diagnostics.openLogFolder')).toEqual({ path: '/logs/here', opened: false });
  });
});

describe('publicSettings', () => {
  it('drops every key that may hold a secret (a proxy password, a token)', () => {
    const settings = { theme: 'dark', proxyPassword: 'CANARY-PW', apiToken: 't', notifications: true } as never;
    expect(publicSettings(settings)).toEqual({ theme: 'dark', notifications: true });
  });
});

describe('diagnosticsFileName', () => {
  it('stamps the local date and time', () => {
    expect(diagnosticsFileName(new Date(2026, 11, 2, 9, 5, 7))).toBe('yuanjing-diagnostics-20261202-090507.zip');
  });
});
