/**
 * npm run bench:faults — the network fault matrix (not part of npm test): one GET
 * (account.balance) and one money POST (account.recharge) through main's real platform client
 * against the simulator, under every fault the platform or the network can produce. For each:
 * the sentence the user sees (the renderer's English error text), whether the request was
 * retried, and — for the POST — the simulator's request log proving it was sent at most once.
 * Exit code 1 when any POST was sent twice, any call succeeded where it must not, or a fault
 * with words of its own (429 busy, 302 redirected, 50 MB too_large, invalid UTF-8 malformed)
 * reached the user as some other error.
 *
 * Short client timeouts (the production ones are 30 s per attempt, 35 s per GET) keep it quick;
 * the logic under test is the same.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CookieJar } from 'tough-cookie';
import type { ErrorCode } from '../preload/contract';
import { isAppError } from '../main/lib/errors';
import { silentLogger } from '../main/lib/logger';
import { BALANCE_PATH, createRechargeOrder, fetchBalance, RECHARGE_PATH } from '../main/platform/account';
import { createPlatformHttp, type PlatformHttpClient } from '../main/platform/http';
import { signIn } from '../main/testing/simple-http';
import { startSimulator, type Simulator } from '../simulator/index';

type FaultSpec = Parameters<Simulator['control']['setFault']>[0];

interface Case {
  name: string;
  /** A simulator fault on the path under test… */
  fault?: Omit<FaultSpec, 'path'>;
  /** …or another base URL (refused port, unknown name, bad certificate). */
  base?: () => string;
  /** The call may succeed (the fault is harmless, e.g. a skewed clock). */
  mayPass?: boolean;
  /** The code the user's sentence must come from: a fault that reads as another fault is not held. */
  expect?: ErrorCode;
}

/** Codes whose message the platform wrote for people: the UI shows those words (renderer/src/i18n/errors.ts). */
const PLATFORM_WORDED = new Set<ErrorCode>(['app', 'wrong_code', 'widget']);

/**
 * The renderer's English sentences per error code, read from its message file (the renderer
 * project's aliases do not resolve here, so the file is parsed rather than imported).
 */
const SENTENCES = new Map(
  [...readFileSync(new URL('../renderer/src/i18n/messages/en/errors.ts', import.meta.url), 'utf8').matchAll(/^\s+(\w+): '([^']*)',$/gm)].map((m) => [m[1]!, m[2]!]),
);

/** Codes where the UI appends main's text as detail (renderer/src/i18n/errors.ts WITH_DETAIL). */
const WITH_DETAIL = new Set<ErrorCode>(['server', 'transport', 'malformed', 'redirected', 'not_json', 'invalid_input', 'url_refused', 'internal']);

function userSentence(error: unknown): string {
  if (!isAppError(error)) return `${SENTENCES.get('internal')} (${String(error)})`;
  if (PLATFORM_WORDED.has(error.code) && error.message) return error.message;
  if (error.code === 'busy' && error.retryAfterSeconds) return SENTENCES.get('busyFor')!.replace('{seconds}', String(error.retryAfterSeconds));
  const sentence = SENTENCES.get(error.code) ?? error.code;
  const detail = error.message.replace(/\s+/g, ' ').trim().slice(0, 60);
  return WITH_DETAIL.has(error.code) && detail && detail !== sentence ? `${sentence} (${detail})` : sentence;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An https server with a throwaway self-signed certificate: the client must refuse it. */
async function selfSignedServer(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"status":"ok","data":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function client(base: string, jar: CookieJar): PlatformHttpClient {
  return createPlatformHttp({
    baseUrl: () => base,
    jar,
    logger: silentLogger,
    onUnauthorized: () => {},
    retry: { limit: 2, baseDelayMs: 50, maxDelayMs: 200, maxRetryAfterMs: 2_000 },
    timeouts: { connectMs: 1_000, responseMs: 1_500, totalMs: 4_000, deadlineMs: 5_000 },
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yj-faults-'));
  const sim = await startSimulator({ port: 0, quiet: true });
  const tls = await selfSignedServer(dir);
  const refusedPort = await freePort();
  const jar = new CookieJar();
  await signIn(client(sim.url, jar));

  const cases: Case[] = [
    { name: 'HTTP 500', fault: { kind: 'status500' } },
    { name: '502 HTML from a proxy', fault: { kind: 'badGatewayHtml' } },
    { name: '429 with Retry-After', fault: { kind: 'tooManyRequests' }, expect: 'busy' },
    { name: 'headers never come', fault: { kind: 'slowHeaders', delayMs: 20_000 } },
    { name: 'body trickles', fault: { kind: 'trickleBody' } },
    { name: 'reset mid-body', fault: { kind: 'resetMidBody' } },
    { name: 'empty body', fault: { kind: 'emptyBody' } },
    { name: 'truncated JSON', fault: { kind: 'truncatedJson' } },
    { name: 'widget error object', fault: { kind: 'widgetError' } },
    { name: 'plain-text 401 + deletion cookie', fault: { kind: 'unauthorizedPlain' } },
    { name: '403', fault: { kind: 'forbidden' } },
    { name: 'connection refused', base: () => `http://127.0.0.1:${refusedPort}` },
    { name: 'DNS failure', base: () => 'http://no-such-host.invalid' },
    { name: 'TLS certificate error', base: () => tls.url },
    { name: '302 to a login page', fault: { kind: 'redirectLogin' }, expect: 'redirected' },
    { name: 'oversized body (50 MB)', fault: { kind: 'oversizedBody' }, expect: 'too_large' },
    { name: 'invalid UTF-8', fault: { kind: 'invalidUtf8' }, expect: 'malformed' },
    { name: 'server clock 2 h off', fault: { kind: 'clockSkew' }, mayPass: true },
  ];

  const rows: string[][] = [];
  let held = 0;
  for (const c of cases) {
    for (const [label, path, call] of [
      ['GET balance', BALANCE_PATH, (http: PlatformHttpClient) => fetchBalance(http)],
      ['POST recharge', RECHARGE_PATH, (http: PlatformHttpClient) => createRechargeOrder(http, 10)],
    ] as const) {
      sim.control.clearFaults();
      sim.control.clearRequests();
      // A fresh copy of the signed-in jar: a deletion cookie in one case must not sign out the next.
      const caseJar = CookieJar.deserializeSync(jar.serializeSync()!);
      if (c.fault) sim.control.setFault({ ...c.fault, path } as FaultSpec);
      const http = client(c.base ? c.base() : sim.url, caseJar);
      const started = Date.now();
      let outcome: string;
      let failedAsExpected = true;
      try {
        await call(http);
        outcome = c.mayPass ? '(succeeds: nothing to tell the user)' : 'SUCCEEDED (unexpected)';
        failedAsExpected = c.mayPass === true;
      } catch (error) {
        const code = isAppError(error) ? error.code : 'internal';
        outcome = `${userSentence(error)} [${code}]`;
        if (c.expect && code !== c.expect) failedAsExpected = false;
      }
      const ms = Date.now() - started;
      const sent = sim.control.requests().filter((r) => r.path === path).length;
      const viaSimulator = !c.base;
      const retried = viaSimulator ? (sent > 1 ? `yes (${sent} sent)` : 'no') : 'n/a (never reached the simulator)';
      const onceOnly = label.startsWith('POST') ? (viaSimulator ? sent <= 1 : sent === 0) : true;
      const ok = failedAsExpected && onceOnly && ms < 35_000;
      if (ok) held += 1;
      rows.push([c.name, label, outcome, retried, label.startsWith('POST') ? `${sent} in log` : '—', `${ms} ms`, ok ? 'held' : 'BROKEN']);
    }
  }
  sim.control.clearFaults();
  await tls.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });

  const header = ['fault', 'call', 'what the user sees [code]', 'retried', 'POSTs sent', 'time', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(`\n${held} of ${rows.length} held`);
  process.exit(held === rows.length ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
