import { describe, expect, it } from 'vitest';
import { createLogger, maskPhones, redact } from './logger';
import { SecretValues } from './secret-values';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ stream: { write: (chunk: string) => lines.push(chunk) }, now: () => 0 });
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('redacting logger', () => {
  it('redacts every secret key at any depth, whatever its case or separator', () => {
    const { logger, lines, parsed } = capture();
    logger.info('login', {
      password: 'p1',
      nested: { cfm_password: 'p2', deeper: [{ apikey: 'ak_1', aapikey: 'ak_2', secretkey: 's1' }] },
      key: 'smskey',
      sms_code: '123456',
      code: '654321',
      headers: { Cookie: 'AIOHTTP_SESSION=abc', 'Set-Cookie': 'AIOHTTP_SESSION=def', Authorization: 'Bearer x', 'X-Api-Key': 'k' },
      path: '/rbac/phone_login.dspy',
    });
    const text = lines.join('');
    for (const secret of ['p1', 'p2', 'ak_1', 'ak_2', 's1', 'smskey', '123456', '654321', 'abc', 'def', 'Bearer x', '"k"']) {
      expect(text).not.toContain(secret);
    }
    const line = parsed()[0]!;
    expect(line).toMatchObject({ level: 'info', msg: 'login', path: '/rbac/phone_login.dspy', password: '[redacted]' });
    expect((line.headers as Record<string, unknown>)['Set-Cookie']).toBe('[redacted]');
  });

  it('masks 11-digit mobile numbers except the last four, in messages and values', () => {
    const { logger, lines } = capture();
    logger.warn('sending code to 13900000001', { phone: '13912345678', note: 'call 13900000002 now', asNumber: 13911112222 });
    const text = lines.join('');
    expect(text).not.toMatch(/139000000(01|02)|13912345678|13911112222/);
    expect(text).toContain('*******0001');
    expect(text).toContain('*******5678');
    expect(text).toContain('*******2222');
  });

  it('removes the password of any URL with credentials, and proxy password fields', () => {
    const { logger, lines } = capture();
    logger.warn('proxy http://alice:S3cret@proxy.corp:3128 refused', { url: 'socks5://bob:pw2@10.0.0.2:1080', proxyPassword: 'pw3' });
    const text = lines.join('');
    for (const secret of ['S3cret', 'pw2', 'pw3']) expect(text).not.toContain(secret);
    expect(text).toContain('http://alice:[redacted]@proxy.corp:3128');
    expect(maskPhones('see https://example.com/a@b')).toBe('see https://example.com/a@b');
  });

  it('leaves longer digit runs (task ids) alone', () => {
    expect(maskPhones('task 861203947562318336')).toBe('task 861203947562318336');
  });

  it('writes one JSON line per call and survives cycles, errors and buffers', () => {
    const { logger, lines } = capture();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    logger.error('boom', { cyclic, error: new Error('bad 13900000003'), body: Buffer.from('secret body') });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line.cyclic).toEqual({ name: 'loop', self: '[circular]' });
    expect(line.error).toEqual({ name: 'Error', message: 'bad *******0003' });
    expect(line.body).toBe('[11 bytes]');
  });

  it('scrubs registered secret values wherever they appear: message, URL, error text, innocent field names', () => {
    const secrets = new SecretValues();
    secrets.add('AIOHTTP-canary-cookie-1');
    secrets.add('ak_canary"quoted\\key');
    const lines: string[] = [];
    const logger = createLogger({ stream: { write: (chunk: string) => lines.push(chunk) }, now: () => 0, secrets });
    logger.warn('request to https://h.example/x?s=AIOHTTP-canary-cookie-1 failed', {
      url: 'https://h.example/y?k=AIOHTTP-canary-cookie-1',
      error: new Error('bad key ak_canary"quoted\\key'),
      note: { text: 'echo: ak_canary"quoted\\key' },
    });
    const text = lines.join('');
    expect(text).not.toContain('AIOHTTP-canary-cookie-1');
    expect(text).not.toContain('ak_canary');
    expect(text).toContain('[redacted]');
    expect(JSON.parse(text)).toMatchObject({ level: 'warn', url: 'https://h.example/y?k=[redacted]' });
  });

  it('fields cannot overwrite the level or message', () => {
    const { logger, parsed } = capture();
    logger.info('real', { msg: 'fake', level: 'error' });
    expect(parsed()[0]).toMatchObject({ msg: 'real', level: 'info' });
  });

  it('redact() does not mutate its input', () => {
    const input = { password: 'x', inner: { key: 'y' } };
    redact(input);
    expect(input).toEqual({ password: 'x', inner: { key: 'y' } });
  });
});
