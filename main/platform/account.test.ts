/** Pure decoding of the account, orders and keys answers (the variants beyond the simulator's). */
import { describe, expect, it } from 'vitest';
import { decodeAccounts } from './account';
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
    expect(() => decodeAccounts(data)).toThrow(expect.objectContaining({ code: 'malformed' }));
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
