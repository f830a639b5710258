import { describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger';
import { secretValues } from '../lib/secret-values';
import type { SecretBox } from '../core/ports';
import { COOKIE_JAR_SECRET, PersistentCookieJar } from './cookies';

function memoryBox(): SecretBox & { data: Map<string, string>; saves: number } {
  const data = new Map<string, string>();
  const box = {
    mode: 'encrypted' as const,
    data,
    saves: 0,
    load: async (name: string) => data.get(name) ?? null,
    save: async (name: string, value: string) => {
      box.saves += 1;
      data.set(name, value);
    },
    remove: async (name: string) => void data.delete(name),
  };
  return box;
}

const URL_A = 'http://127.0.0.1:4010/accounting/mybalance.dspy';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PersistentCookieJar', () => {
  it('saves a burst of Set-Cookie once (debounced) and restores it into a new jar', async () => {
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger, debounceMs: 30 });
    await jar.setCookie('AIOHTTP_SESSION=one; HttpOnly; Path=/', URL_A);
    await jar.setCookie('AIOHTTP_SESSION=two; HttpOnly; Path=/', URL_A);
    expect(box.saves).toBe(0);
    await sleep(80);
    expect(box.saves).toBe(1);
    expect([...box.data.keys()]).toEqual([COOKIE_JAR_SECRET]);

    const restored = new PersistentCookieJar({ secrets: box, logger: silentLogger });
    await restored.restore();
    expect(await restored.getCookieString(URL_A)).toBe('AIOHTTP_SESSION=two');
    expect(await restored.hasCookiesFor('http://127.0.0.1:4010')).toBe(true);
    expect(await restored.hasCookiesFor('http://127.0.0.2:4010')).toBe(false);
  });

  it('flush() writes a pending change immediately', async () => {
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger, debounceMs: 10_000 });
    await jar.setCookie('AIOHTTP_SESSION=x; Path=/', URL_A);
    await jar.flush();
    expect(box.data.get(COOKIE_JAR_SECRET)).toContain('AIOHTTP_SESSION');
  });

  it('clear() empties the jar and removes its secret, cancelling a pending save', async () => {
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger, debounceMs: 20 });
    await jar.setCookie('AIOHTTP_SESSION=x; Path=/', URL_A);
    await jar.flush();
    await jar.setCookie('AIOHTTP_SESSION=y; Path=/', URL_A);
    await jar.clear();
    await sleep(60);
    expect(box.data.has(COOKIE_JAR_SECRET)).toBe(false);
    expect(await jar.getCookieString(URL_A)).toBe('');
  });

  it('an unreadable stored jar starts empty instead of failing', async () => {
    const box = memoryBox();
    box.data.set(COOKIE_JAR_SECRET, '{not json');
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger });
    await jar.restore();
    expect(await jar.getCookieString(URL_A)).toBe('');
  });

  it('an unreadable stored jar is logged without quoting it (it holds the session cookie)', async () => {
    const box = memoryBox();
    box.data.set(COOKIE_JAR_SECRET, '{"cookies":[{"key":"AIOHTTP_SESSION","value"x:"SECRETVALUE"}]}');
    const lines: string[] = [];
    const logger = { ...silentLogger, warn: (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ message, fields })) };
    const jar = new PersistentCookieJar({ secrets: box, logger });
    await jar.restore();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SyntaxError');
    expect(lines.join('\n')).not.toContain('SECRET');
  });

  it('a request view taken before clear() drops its late Set-Cookie; a new one stores', async () => {
    const jar = new PersistentCookieJar({ secrets: memoryBox(), logger: silentLogger });
    const before = jar.forRequest();
    await jar.clear();
    await before.setCookie('AIOHTTP_SESSION=late; Path=/', URL_A);
    expect(await jar.getCookieString(URL_A)).toBe('');
    await jar.forRequest().setCookie('AIOHTTP_SESSION=fresh; Path=/', URL_A);
    expect(await jar.getCookieString(URL_A)).toBe('AIOHTTP_SESSION=fresh');
  });

  it('a cookie the jar refuses does not throw', async () => {
    const jar = new PersistentCookieJar({ secrets: memoryBox(), logger: silentLogger });
    await expect(jar.setCookie('a=b; Domain=other.example', URL_A)).resolves.toBeUndefined();
  });
  it('a Set-Cookie answering a request sent before sign-out does not sign the user back in, after any number of sign-outs', async () => {
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger, debounceMs: 5 });
    await jar.setCookie('AIOHTTP_SESSION=first; Path=/', URL_A);
    const pollInFlight = jar.forRequest();
    await jar.clear();
    const secondPoll = jar.forRequest();
    await jar.clear();
    await pollInFlight.setCookie('AIOHTTP_SESSION=late1; Path=/', URL_A);
    await secondPoll.setCookie('AIOHTTP_SESSION=late2; Path=/', URL_A);
    await jar.flush();
    await sleep(20);
    expect(await jar.getCookieString(URL_A)).toBe('');
    expect(await jar.hasCookiesFor(URL_A)).toBe(false);
    expect(box.data.has(COOKIE_JAR_SECRET)).toBe(false);
  });

  it('a restored session cookie is registered as a secret, so logs and diagnostics scrub it', async () => {
    const box = memoryBox();
    const writer = new PersistentCookieJar({ secrets: box, logger: silentLogger });
    await writer.setCookie('AIOHTTP_SESSION=restoredSecretValue42; Path=/', URL_A);
    await writer.flush();
    secretValues.clear();
    expect(secretValues.scrub('cookie restoredSecretValue42')).toBe('cookie restoredSecretValue42');

    await new PersistentCookieJar({ secrets: box, logger: silentLogger }).restore();
    expect(secretValues.scrub('cookie restoredSecretValue42')).toBe('cookie [redacted]');
  });

  it('starting with nothing stored is not a failure (no warning, empty jar)', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const jar = new PersistentCookieJar({ secrets: memoryBox(), logger });
    await jar.restore();
    expect(warnings).toEqual([]);
    expect(await jar.hasCookiesFor(URL_A)).toBe(false);
  });

  it('secretValues() lists the value of every cookie held, leaving out empty ones', async () => {
    const jar = new PersistentCookieJar({ secrets: memoryBox(), logger: silentLogger });
    await jar.setCookie('AIOHTTP_SESSION=sessionValue; Path=/', URL_A);
    await jar.setCookie('EMPTY=; Path=/', URL_A);
    await jar.setCookie('OTHER=otherValue; Path=/', URL_A);
    expect((await jar.secretValues()).sort()).toEqual(['otherValue', 'sessionValue']);
  });

  it('flush() with no pending change writes nothing', async () => {
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger });
    await jar.flush();
    expect(box.saves).toBe(0);
    expect(box.data.has(COOKIE_JAR_SECRET)).toBe(false);
  });

  it('a failed save is logged by error name only and later saves still happen', async () => {
    const box = memoryBox();
    const realSave = box.save;
    let failNext = true;
    box.save = async (name, value) => {
      if (failNext) {
        failNext = false;
        throw new TypeError(`disk says no to ${value}`);
      }
      return realSave(name, value);
    };
    const lines: string[] = [];
    const logger = { ...silentLogger, warn: (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ message, fields })) };
    const jar = new PersistentCookieJar({ secrets: box, logger, debounceMs: 10_000 });
    await jar.setCookie('AIOHTTP_SESSION=savedLater; Path=/', URL_A);
    await expect(jar.flush()).resolves.toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('TypeError');
    expect(lines[0]).not.toContain('savedLater');
    await jar.setCookie('AIOHTTP_SESSION=savedLater2; Path=/', URL_A);
    await jar.flush();
    expect(box.data.get(COOKIE_JAR_SECRET)).toContain('savedLater2');
  });

  it('the stored entry keeps its name across versions (a new name would sign every user out on update)', async () => {
    expect(COOKIE_JAR_SECRET).toBe('cookie-jar');
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger, name: 'cookie-jar-test', debounceMs: 5 });
    await jar.setCookie('AIOHTTP_SESSION=n; Path=/', URL_A);
    await jar.flush();
    expect([...box.data.keys()]).toEqual(['cookie-jar-test']);
  });

  it('by default a Set-Cookie is saved about a quarter second later, not at once', { tags: ['slow'] }, async () => {
    const box = memoryBox();
    const jar = new PersistentCookieJar({ secrets: box, logger: silentLogger });
    await jar.setCookie('AIOHTTP_SESSION=d; Path=/', URL_A);
    await sleep(100);
    expect(box.saves).toBe(0);
    await sleep(400);
    expect(box.saves).toBe(1);
  });
});
