import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MODEL } from './ids.ts';
import { Client, rawRequest, startTestSim } from './testkit.ts';
import type { Simulator } from './types.ts';

let sim: Simulator;
let c: Client;
const BAL = '/accounting/mybalance.dspy';

beforeEach(async () => {
  sim = await startTestSim();
  c = new Client(sim.url);
  await c.login('13900000001');
});
afterEach(async () => {
  await sim.close();
});

describe('faults', () => {
  it('status500: plain-text generic error page; times counts down; other paths untouched', async () => {
    sim.control.setFault({ kind: 'status500', path: BAL, times: 2 });
    expect((await c.get('/dapi/downapps.dspy')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await c.get(BAL);
      expect(r.status).toBe(500);
      expect(r.text).toContain('500 Internal Server Error');
      expect(() => r.json).toThrow();
    }
    expect((await c.get(BAL)).status).toBe(200);
    expect(sim.control.getFaults()).toEqual([]);
  });

  it('the fault-matrix kinds answer as proxies and broken servers do', async () => {
    const once = async (kind: string) => {
      sim.control.setFault({ kind, path: BAL, times: 1 } as Parameters<Simulator['control']['setFault']>[0]);
      return c.get(BAL);
    };
    const gateway = await once('badGatewayHtml');
    expect([gateway.status, gateway.text.includes('502 Bad Gateway')]).toEqual([502, true]);
    const limited = await once('tooManyRequests');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
    const cut = await once('truncatedJson');
    expect(cut.status).toBe(200);
    expect(() => JSON.parse(cut.text)).toThrow();
    const bad = await once('invalidUtf8');
    expect(bad.bytes.includes(0xff)).toBe(true);
    const skewed = await once('clockSkew');
    expect(skewed.status).toBe(200);
    expect(Date.parse(skewed.headers.get('date') ?? '') - Date.now()).toBeGreaterThan(110 * 60_000);
    expect((await c.get(BAL)).status).toBe(200);
    // Last: its deletion cookie signs this client out.
    const expired = await once('unauthorizedPlain');
    expect(expired.status).toBe(401);
    expect(expired.headers.getSetCookie().some((line) => /^AIOHTTP_SESSION="";.*Max-Age=0/.test(line))).toBe(true);
  });

  it('a fault without path hits every platform path until cleared', async () => {
    sim.control.setFault({ kind: 'forbidden' });
    for (const p of [BAL, '/dapi/downapps.dspy', '/rbac/gen_sms_code.dspy']) {
      const r = await c.get(p);
      expect([r.status, r.text]).toEqual([403, '403: Forbidden']);
    }
    expect(sim.control.clearFaults()).toEqual([]);
    expect((await c.get(BAL)).status).toBe(200);
  });

  it('slowHeaders delays the status line', async () => {
    sim.control.setFault({ kind: 'slowHeaders', path: BAL, delayMs: 300, times: 1 });
    const t = Date.now();
    expect((await c.get(BAL)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
  });

  it('slowAnswer: the handler runs at once (the task exists), its answer waits delayMs', async () => {
    const VIDU = '/llmage/vidu_inference.dspy';
    sim.control.setFault({ kind: 'slowAnswer', path: VIDU, delayMs: 400, times: 1 });
    const t = Date.now();
    let answered = 0;
    const pending = c.post(VIDU, { llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: '迟到的回答', duration: 5 }).then((r) => {
      answered = Date.now() - t;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sim.control.tasks()).toHaveLength(1);
    expect(answered).toBe(0);
    const r = await pending;
    expect(answered).toBeGreaterThanOrEqual(390);
    expect(r.text).toContain(`"taskid": "${sim.control.tasks()[0]?.taskid}"`);
    expect(sim.control.getFaults()).toEqual([]);
  });

  it('emptyBody: 200 with nothing; the handler still ran (a recharge order exists)', async () => {
    sim.control.setFault({ kind: 'emptyBody', path: '/unipay/user_recharge.dspy', times: 1 });
    const r = await c.post('/unipay/user_recharge.dspy', { provider: 'alipay', amount: 20, currency: 'CNY' });
    expect([r.status, r.bytes.length]).toEqual([200, 0]);
    expect(sim.control.pendingPayments()).toHaveLength(1);
  });

  it('widgetError: a widget object with the message', async () => {
    sim.control.setFault({ kind: 'widgetError', path: '/llmage/vidu_inference.dspy', times: 1 });
    const r = await c.post('/llmage/vidu_inference.dspy', { llmid: MODEL.q3Pro, prompt: 'x' });
    expect(r.json).toEqual({
      widgettype: 'Error',
      options: { author: 'tr', timeout: 5, cwidth: 15, cheight: 10, title: 'llm inference', message: 'Please login first' },
    });
    expect(sim.control.tasks()).toHaveLength(0);
  });

  it('plainText: 200 text/html that is not JSON', async () => {
    sim.control.setFault({ kind: 'plainText', times: 1 });
    const r = await c.get(BAL);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.text).toContain('<html>');
    expect(() => r.json).toThrow();
  });

  it('resetMidBody: part of a JSON body, then the socket is destroyed (also on the stream)', async () => {
    sim.control.setFault({ kind: 'resetMidBody', path: BAL, times: 1 });
    const r = await rawRequest(`${sim.url}${BAL}`, 'GET', { Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}` });
    expect(r.aborted).toBe(true);
    const got = Buffer.concat(r.chunks);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(Number(r.headers['content-length']));
    sim.control.setFault({ kind: 'resetMidBody', path: '/llmage/vidu_inference.dspy', times: 1 });
    const body = JSON.stringify({ llmid: MODEL.q3Pro, llmcatelogid: 't2v', prompt: 'x' });
    const s = await rawRequest(`${sim.url}/llmage/vidu_inference.dspy`, 'POST', {
      'Content-Type': 'application/json', Cookie: `AIOHTTP_SESSION=${c.cookie ?? ''}`, 'Content-Length': String(body.length),
    }, body);
    expect(s.aborted).toBe(true);
    expect(Buffer.concat(s.chunks).toString()).toMatch(/^\{"taskid": "\d/);
    expect(sim.control.tasks()).toHaveLength(1); // the task exists: the outcome is unknown to the client
  });

  it('rejects malformed faults', () => {
    expect(() => sim.control.setFault({ kind: 'nope' } as never)).toThrow(/kind/);
    expect(() => sim.control.setFault({ kind: 'status500', times: 0 })).toThrow(/times/);
    expect(() => sim.control.setFault({ kind: 'status500', path: 'x' })).toThrow(/path/);
  });
});
