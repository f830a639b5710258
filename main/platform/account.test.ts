/** The account answers (balance, recharge) against the simulator, and the pure decoding of account, orders and keys answers. */
import { describe, expect, it } from 'vitest';
import { scriptedHttp } from '../testing/scripted-http';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { BALANCE_PATH, createRechargeOrder, decodeAccounts, fetchBalance, RECHARGE_PATH } from './account';
import { normaliseAllowedIps, randomAppId } from './keys';
import { decodeOrderRow } from './orders';

describe('decodeAccounts (§3.7)', () => {
  it('keeps the server order (main account first) and tolerates null and numeric strings', () => {
    expect(decodeAccounts([{ account: '客户账户', balance: 126.5 }, { account: '赠送账户', balance: null }, { account: 'x', balance: '3.5' }])).toEqual([
      { account: '客户账户', balance: 126.5 },
      { account: '赠送账户', balance: null },
      { account: 'x', balance: 3.5 },
    ]);
  });
  it('wraps a single object and a bare number', () => {
    expect(decodeAccounts({ balance: 7 })).toEqual([{ account: '', balance: 7 }]);
    expect(decodeAccounts(0)).toEqual([{ account: '', balance: 0 }]);
  });
  it.each([[undefined], [null], ['126.5'], [{ amount: 1 }], [[{ account: 'a' }]], [Number.NaN]])('refuses %j as malformed', (data) => {
    expect(() => decodeAccounts(data)).toThrow(expect.objectContaining({ code: 'malformed', message: '余额数据无法识别 / Unrecognised balance data' }));
  });
  it('keeps what arrived (shortened) as the detail of a malformed balance', () => {
    expect(() => decodeAccounts({ amount: 1 })).toThrow(expect.objectContaining({ detail: '{"amount":1}' }));
  });
});

const env = useSignedInSimulator();

describe('fetchBalance (§3.7) against the simulator', () => {
  it.each([['list'], ['object'], ['number']] as const)('%s shape: the balance the user sees is the first account', async (balanceShape) => {
    env.sim().control.setSwitches({ balanceShape });
    const reading = await fetchBalance(env.http());
    expect(reading.total).toBe(126.5);
    expect(reading.accounts).toEqual([{ account: balanceShape === 'number' ? '' : '客户账户', balance: 126.5 }]);
    expect(env.sim().control.requests().at(-1)?.path).toBe(BALANCE_PATH);
  });
  it('no account at all: no balance (null), not 0', async () => {
    await expect(fetchBalance(scriptedHttp(() => []))).resolves.toEqual({ accounts: [], total: null });
  });
});

describe('createRechargeOrder (§3.3)', () => {
  it.each([['redirct'], ['redirect'], ['url']] as const)('the payment link under `%s`, one POST of the amount in CNY', async (rechargeUrlKey) => {
    env.sim().control.setSwitches({ rechargeUrlKey });
    const order = await createRechargeOrder(env.http(), 20);
    expect(order.url).toMatch(/\/__sim\/pay\//);
    const posts = env.sim().control.requests().filter((r) => r.path === RECHARGE_PATH);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ provider: 'alipay', amount: 20, currency: 'CNY' });
  });
  it('the Spec spelling wins over the others; empty links are skipped', async () => {
    await expect(createRechargeOrder(scriptedHttp(() => ({ redirct: 'https://a', redirect: 'https://b', url: 'https://c' })), 1)).resolves.toEqual({ url: 'https://a' });
    await expect(createRechargeOrder(scriptedHttp(() => ({ redirct: '', redirect: 'https://b' })), 1)).resolves.toEqual({ url: 'https://b' });
  });
  it('no link: malformed, with the answer kept (shortened) as detail', async () => {
    const failure = await createRechargeOrder(scriptedHttp(() => ({ redirct: 5, note: 'x'.repeat(400) })), 1).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'malformed', message: expect.stringContaining('no payment link') });
    const detail = (failure as { detail: string }).detail;
    expect(detail.startsWith('{"redirct":5,"note":"xxx')).toBe(true);
    expect(detail).toHaveLength(200);
    await expect(createRechargeOrder(scriptedHttp(() => null), 1)).rejects.toMatchObject({ code: 'malformed', detail: 'null' });
  });
  it('an answer JSON cannot show is previewed as text', async () => {
    await expect(createRechargeOrder(scriptedHttp(() => 10n), 1)).rejects.toMatchObject({ code: 'malformed', detail: '10' });
    const huge = 10n ** 300n;
    await expect(createRechargeOrder(scriptedHttp(() => huge), 1)).rejects.toMatchObject({ detail: String(huge).slice(0, 200) });
  });
});

describe('decodeOrderRow (§3.9)', () => {
  const base = { llmid: 'L', name: 'N', model: 'm', use_date: '2026-06-12', use_time: '2026-06-12 10:31:07', userid: 'u', status: 'SUCCEEDED', accounting_status: 'accounted' };
  it('prefers `usage`, parses `usages` text, and accepts null or garbage as null', () => {
    expect(decodeOrderRow({ ...base, usage: { duration: 5 }, usages: '{"duration": 9}' }).usage).toEqual({ duration: 5 });
    expect(decodeOrderRow({ ...base, usages: '{"duration": 5, "SR": 1080}' }).usage).toEqual({ duration: 5, SR: 1080 });
    expect(decodeOrderRow({ ...base, usages: null }).usage).toBeNull();
    expect(decodeOrderRow({ ...base, usages: 'not json' }).usage).toBeNull();
    expect(decodeOrderRow({ ...base, usages: '[1,2]' }).usage).toBeNull();
  });
  it('a row without fields: empty texts, no usage, no amount', () => {
    expect(decodeOrderRow({})).toEqual({ llmid: '', name: '', model: '', useDate: '', useTime: '', usage: null, amount: null, userid: '', status: '', accountingStatus: '' });
  });
  it('maps to camelCase and keeps amount a number or null', () => {
    expect(decodeOrderRow({ ...base, amount: 4.5, userorgid: 'o', extra: 1 })).toEqual({
      llmid: 'L', name: 'N', model: 'm', useDate: '2026-06-12', useTime: '2026-06-12 10:31:07', usage: null, amount: 4.5,
      userid: 'u', status: 'SUCCEEDED', accountingStatus: 'accounted',
    });
    expect(decodeOrderRow({ ...base, amount: null }).amount).toBeNull();
    expect(decodeOrderRow({ ...base, amount: 'x' }).amount).toBeNull();
  });
});

describe('keys helpers', () => {
  it('randomAppId: 21 URL-safe characters, fresh each time', () => {
    const ids = new Set(Array.from({ length: 200 }, randomAppId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });
  it('normaliseAllowedIps', () => {
    expect(normaliseAllowedIps('')).toBe('');
    expect(normaliseAllowedIps('  ')).toBe('');
    expect(normaliseAllowedIps('1.2.3.4, fe80::1 ,::1')).toBe('1.2.3.4,fe80::1,::1');
    expect(normaliseAllowedIps('1.2.3.4,')).toBeNull();
    expect(normaliseAllowedIps('localhost')).toBeNull();
  });
});
