/**
 * The canary: sign in and reveal a key through the browser host with recognisable secret values,
 * then search every file of the data folder, the log file, stdout and stderr for them.
 *
 * What the host writes by design: its SecretBox is 'dev-file' (secrets.ts), so the session
 * cookie jar lies in PLAIN text in <data>/secrets/ — the one place the cookie may appear. The
 * desktop app encrypts that same entry with safeStorage. Every other secret (SMS key and code,
 * API key, secret key) may appear nowhere, not even there.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, startSimulator } from '../../simulator/index';
import { openLogFile, teeStreams } from '../lib/log-file';
import { createLogger } from '../lib/logger';
import { startBrowserHost, type BrowserHost } from './server';

const CANARY_SMS_CODE = '731902'; // six digits, as the platform sends
const PHONE = '13900000001';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('secrets never leak by value (browser host canary)', () => {
  let sim: Sim;
  let host: BrowserHost;
  let root: string;
  let dataDir: string;
  let logDir: string;
  const stdout: string[] = [];
  const stderr: string[] = [];
  let closeLog: () => Promise<void> = async () => {};

  async function invoke(route: string, input?: unknown): Promise<{ ok: boolean; data?: unknown }> {
    const res = await fetch(`${host.url}/__yj/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yj-Token': host.token },
      body: JSON.stringify({ route, input }),
    });
    return (await res.json()) as { ok: boolean; data?: unknown };
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'yj-canary-'));
    dataDir = join(root, 'data');
    logDir = join(root, 'logs');
    sim = await startSimulator({ port: 0, quiet: true, smsCode: CANARY_SMS_CODE });
    // The desktop's arrangement: one logger, to the log file and to stderr.
    const file = openLogFile(logDir);
    closeLog = async () => void (await file?.close());
    const logger = createLogger({ stream: teeStreams(file, { write: (chunk: string) => stderr.push(chunk) }) });
    host = await startBrowserHost({ port: 0, dataDir, serverUrl: sim.url, rendererDir: join(root, 'none'), logger, print: (line) => stdout.push(line) });
  });

  afterAll(async () => {
    await host?.close();
    await closeLog();
    await sim?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('after sign-in, a reveal and failures around them, no secret is found outside the dev store', async () => {
    expect((await invoke('auth.sendCode', { phone: PHONE })).ok).toBe(true);
    expect((await invoke('auth.login', { phone: PHONE, code: CANARY_SMS_CODE })).ok).toBe(true);
    expect((await invoke('account.balance')).ok).toBe(true);
    const reveal = (await invoke('keys.reveal', { appId: APP.studio })) as { ok: boolean; data: { apiKey: string; secretKey?: string } };
    expect(reveal.ok).toBe(true);
    // A failing request after the secrets are known: its error lines are logged.
    sim.control.setFault({ kind: 'status500', path: '/accounting/mybalance.dspy', times: 3 });
    expect((await invoke('account.balance')).ok).toBe(false);
    await host.close(); // flushes the debounced cookie save
    await closeLog();

    const login = sim.control.requests().find((r) => r.path === '/rbac/phone_login.dspy') as unknown as { body: { key: string; sms_code: string } };
    const files = filesUnder(dataDir).concat(filesUnder(logDir));
    const jarFiles = files.filter((path) => relative(dataDir, path).startsWith('secrets'));
    const cookieValues = jarFiles
      .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/"value":"([^"]{8,})"/g)].map((m) => m[1]!))
      .filter((value) => value.length >= 8);
    expect(cookieValues.length).toBeGreaterThan(0); // the session really was stored

    const canaries: Record<string, string> = {
      'SMS code': login.body.sms_code,
      'SMS key': login.body.key,
      'API key': reveal.data.apiKey,
      ...(reveal.data.secretKey ? { 'secret key': reveal.data.secretKey } : {}),
    };
    expect(canaries['SMS code']).toBe(CANARY_SMS_CODE);
    const texts: Array<[string, string]> = [
      ...files.map((path): [string, string] => [relative(root, path), readFileSync(path, 'utf8')]),
      ['stdout', stdout.join('\n')],
      ['stderr', stderr.join('')],
    ];
    expect(stderr.join('')).toContain('platform answered with an error'); // the logs were really written
    const hits: string[] = [];
    for (const [where, text] of texts) {
      for (const [what, value] of Object.entries(canaries)) if (text.includes(value)) hits.push(`${what} in ${where}`);
      const inDevStore = where.startsWith(`data/secrets`);
      for (const cookie of cookieValues) if (!inDevStore && text.includes(cookie)) hits.push(`session cookie in ${where}`);
    }
    expect(hits).toEqual([]);
  });
});
