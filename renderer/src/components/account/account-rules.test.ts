import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { OrderRow } from '@contract';
import en from '@/i18n/messages/en/account';
import zh from '@/i18n/messages/zh-CN/account';
import { CSV_BOM, csvField, toCsv } from './csv';
import { curlExample, endpointUrl, shellQuote } from './curlExample';
import { accountingWord, formatYuan, isLowBalance, maskSecret, orderAmountText, statusWord, type Translate, usageInWords } from './format';
import { locateJsonError } from './jsonCheck';
import { csvHeader, csvRows, filterRows, modelsOf, sortRows, toDisplayRows } from './orderRows';
import { checkKeyApplication, checkRechargeAmount, normaliseIpList, parseUsageJson } from './validation';

function translator(locale: 'zh-CN' | 'en'): Translate {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zh, en } });
  return (key, named) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
}
const t = translator('zh-CN');

function order(overrides: Partial<OrderRow> = {}): OrderRow {
  return {
    llmid: 'm1',
    name: 'Vidu Q3 文生视频',
    model: 'viduq3-pro',
    useDate: '2026-06-12',
    useTime: '2026-06-12 10:31:07',
    usage: { duration: 5, SR: 1080 },
    amount: 4.5,
    userid: 'u1',
    status: 'SUCCEEDED',
    accountingStatus: 'accounted',
    ...overrides,
  };
}

describe('recharge amount', () => {
  it.each([
    [0, 'positive'],
    ['0', 'positive'],
    [-1, 'positive'],
    ['-1', 'positive'],
    [1.234, 'decimals'],
    ['1.234', 'decimals'],
    [50001, 'max'],
    ['50001', 'max'],
    ['abc', 'notNumber'],
    ['1e3', 'notNumber'],
    ['Infinity', 'notNumber'],
    ['', 'required'],
    [null, 'required'],
  ])('rejects %j (%s)', (input, problem) => {
    expect(checkRechargeAmount(input)).toEqual({ ok: false, problem });
  });

  it.each([
    [100, 100],
    ['100', 100],
    [0.01, 0.01],
    ['0.01', 0.01],
    [' 99.50 ', 99.5],
    ['50000', 50000],
    [0.29, 0.29],
  ])('accepts %j', (input, value) => {
    expect(checkRechargeAmount(input)).toEqual({ ok: true, value });
  });

  it('has a clear message for every problem, in both languages', () => {
    for (const problem of ['required', 'notNumber', 'positive', 'decimals', 'max']) {
      expect(t(`account.recharge.errors.${problem}`)).not.toContain('account.');
      expect(translator('en')(`account.recharge.errors.${problem}`)).not.toContain('account.');
    }
    expect(t('account.recharge.errors.max')).toBe('单次充值不能超过 ¥50,000');
  });
});

describe('API key application', () => {
  const form = (overrides: Partial<{ appName: string; description: string; allowedIps: string }> = {}) => ({
    appName: '剪辑工作室',
    description: '',
    allowedIps: '',
    ...overrides,
  });

  it('requires an app name of at most 64 characters', () => {
    expect(checkKeyApplication(form({ appName: '  ' }))).toEqual({ ok: false, problems: { appName: 'required' } });
    expect(checkKeyApplication(form({ appName: '名'.repeat(65) }))).toEqual({ ok: false, problems: { appName: 'tooLong' } });
    expect(checkKeyApplication(form({ appName: '名'.repeat(64) })).ok).toBe(true);
    // Counted in UTF-16 units, like main's schema: 33 emoji are 66 units.
    expect(checkKeyApplication(form({ appName: '🎬'.repeat(33) }))).toEqual({ ok: false, problems: { appName: 'tooLong' } });
  });

  it('limits the description to 200 characters', () => {
    expect(checkKeyApplication(form({ description: 'x'.repeat(201) }))).toEqual({ ok: false, problems: { description: 'tooLong' } });
    expect(checkKeyApplication(form({ description: 'x'.repeat(200) })).ok).toBe(true);
  });

  it('accepts a comma list of IPv4/IPv6 addresses and rejects anything else', () => {
    expect(normaliseIpList(' 10.0.0.1 , 192.168.1.20，::1 ')).toBe('10.0.0.1,192.168.1.20,::1');
    expect(normaliseIpList('2001:db8::8a2e:370:7334,::ffff:1.2.3.4')).toBe('2001:db8::8a2e:370:7334,::ffff:1.2.3.4');
    expect(normaliseIpList('')).toBe('');
    for (const bad of ['10.0.0.256', 'example.com', '10.0.0.1,', '1.2.3', '10.0.0.0/8', '1::2::3', ':::']) {
      expect(normaliseIpList(bad), bad).toBeNull();
    }
    expect(checkKeyApplication(form({ allowedIps: 'abc' }))).toEqual({ ok: false, problems: { allowedIps: 'invalidIp' } });
  });

  it('sends trimmed values and leaves empty optional fields out', () => {
    expect(checkKeyApplication(form({ appName: ' 工作室 ', description: ' 批量出片 ', allowedIps: '1.2.3.4, 5.6.7.8' }))).toEqual({
      ok: true,
      value: { appName: '工作室', description: '批量出片', allowedIps: '1.2.3.4,5.6.7.8' },
    });
    expect(checkKeyApplication(form())).toEqual({ ok: true, value: { appName: '剪辑工作室' } });
  });
});

describe('pricing usage JSON', () => {
  it('accepts an object', () => {
    expect(parseUsageJson('{"duration": 5, "SR": 1080}')).toEqual({ ok: true, value: { duration: 5, SR: 1080 } });
    expect(parseUsageJson(' {} ')).toEqual({ ok: true, value: {} });
  });

  it('rejects invalid JSON with the line and column of the mistake', () => {
    expect(parseUsageJson('{\n  "duration": 5,\n  "SR": 1080,\n}')).toEqual({
      ok: false,
      problem: { kind: 'syntax', line: 4, column: 1, expected: 'propertyName' },
    });
    expect(parseUsageJson("{'duration': 5}")).toMatchObject({ ok: false, problem: { kind: 'syntax', line: 1, column: 2 } });
    expect(parseUsageJson('{"a": 1 "b": 2}')).toMatchObject({ ok: false, problem: { kind: 'syntax', line: 1, column: 9, expected: 'commaOrBrace' } });
    expect(parseUsageJson('{"a": 1} x')).toMatchObject({ ok: false, problem: { kind: 'syntax', column: 10, expected: 'end' } });
  });

  it('rejects arrays, scalars, null and empty input', () => {
    expect(parseUsageJson('[{"duration": 5}]')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'array' } });
    expect(parseUsageJson('5')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'number' } });
    expect(parseUsageJson('"text"')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'string' } });
    expect(parseUsageJson('true')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'boolean' } });
    expect(parseUsageJson('null')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'null' } });
    expect(parseUsageJson('   ')).toEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = ['{"a":[1,2.5e-3,-0,true,false,null,{"b":"\\u00e9\\n"}]}', '{"a":01}', '{"a":"\\x"}', '{"a":.5}', '{"a":"tab\there"}', '{"a":1,}', '[1,]', '{"a":"é"}'];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect(locateJsonError(sample) === null, sample).toBe(valid);
    }
  });
});

describe('display words', () => {
  it('says usage in words, unknown keys as k=v', () => {
    expect(usageInWords({ duration: 5, SR: 1080 }, t)).toBe('5 秒 · 1080p');
    expect(usageInWords({ duration: 8, resolution: '720p' }, t)).toBe('8 秒 · 720p');
    expect(usageInWords({ SR: 1080, resolution: '1080p' }, t)).toBe('1080p');
    expect(usageInWords({ duration: 5, tokens: 1200, audio: true }, t)).toBe('5 秒 · tokens=1200 · audio=true');
    expect(usageInWords({ extra: { a: 1 } }, t)).toBe('extra={"a":1}');
    expect(usageInWords(null, t)).toBe('—');
    expect(usageInWords({}, t)).toBe('—');
    expect(usageInWords({ duration: 5, SR: 1080 }, translator('en'))).toBe('5 s · 1080p');
  });

  it('names task and accounting statuses in plain Chinese', () => {
    expect(statusWord('SUCCEEDED', t)).toBe('成功');
    expect(statusWord('FAILED', t)).toBe('失败');
    expect(statusWord('UNKNOWN', t)).toBe('未知');
    expect(statusWord('RUNNING', t)).toBe('处理中');
    expect(statusWord('', t)).toBe('处理中');
    expect(accountingWord('created', t)).toBe('待结算');
    expect(accountingWord('accounted', t)).toBe('已结算');
    expect(accountingWord('failed', t)).toBe('结算失败');
    expect(accountingWord('refunded', t)).toBe('refunded');
  });

  it('formats money and pending amounts', () => {
    expect(formatYuan(126.5)).toBe('¥126.50');
    expect(formatYuan(50000)).toBe('¥50,000.00');
    expect(formatYuan(-3)).toBe('-¥3.00');
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(0.0035, { precise: true })).toBe('¥0.0035');
    expect(orderAmountText(4.5, 'accounted', t)).toBe('¥4.50');
    expect(orderAmountText(null, 'accounted', t)).toBe('结算中');
    expect(orderAmountText(4.5, 'created', t)).toBe('结算中');
  });

  it('flags a balance below the threshold, null as 0, and never one not read yet', () => {
    expect(isLowBalance(19.99, 20)).toBe(true);
    expect(isLowBalance(20, 20)).toBe(false);
    expect(isLowBalance(126.5, 20)).toBe(false);
    expect(isLowBalance(126.5, 200)).toBe(true);
    expect(isLowBalance(null, 20)).toBe(true);
    expect(isLowBalance(null, 20, false)).toBe(false);
    expect(isLowBalance(5, 0)).toBe(false);
  });

  it('masks keys like ak_9Q2m••••••••Hb3', () => {
    expect(maskSecret('ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3')).toBe('ak_9Q2m••••••••Hb3');
    expect(maskSecret('short')).toBe('••••••••');
    expect(maskSecret('abcdefghijklmn')).toBe('abcd••••••••mn');
    expect(maskSecret('')).toBe('');
  });
});

describe('CSV export', () => {
  it('starts with a BOM and escapes commas, quotes and line breaks', () => {
    const csv = toCsv(['名称', '备注'], [
      ['a,b', 'say "hi"'],
      ['line1\nline2', 'plain'],
      ['cr\rhere', ''],
    ]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe(`${CSV_BOM}名称,备注\r\n"a,b","say ""hi"""\r\n"line1\nline2",plain\r\n"cr\rhere",\r\n`);
  });

  it('defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('-1.50')).toBe('-1.50');
    expect(csvField(null)).toBe('');
  });

  it('exports the shown order rows with words and plain amounts', () => {
    const rows = toDisplayRows([order(), order({ amount: null, accountingStatus: 'created', status: 'RUNNING', name: '图生视频, 高清' })], t);
    const csv = toCsv(csvHeader(t), csvRows(rows));
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('时间（服务器时间）,模型名称,模型,用量,金额,状态,结算状态');
    expect(lines[1]).toBe('2026-06-12 10:31:07,Vidu Q3 文生视频,viduq3-pro,5 秒 · 1080p,4.50,成功,已结算');
    expect(lines[2]).toBe('2026-06-12 10:31:07,"图生视频, 高清",viduq3-pro,5 秒 · 1080p,结算中,处理中,待结算');
  });
});

describe('order rows', () => {
  const rows = toDisplayRows(
    [
      order({ useTime: '2026-06-12 10:00:00', amount: 2, model: 'viduq3-pro' }),
      order({ useTime: '2026-06-12 11:00:00', amount: null, accountingStatus: 'created', status: 'RUNNING', model: 'viduq3-turbo' }),
      order({ useTime: '2026-06-12 09:00:00', amount: 9, status: 'FAILED', model: 'viduq3-pro', usage: { duration: 8, SR: 720 } }),
    ],
    t,
  );

  it('are frozen and not reactive', () => {
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect((rows as unknown as Record<string, unknown>).__v_skip).toBe(true);
  });

  it('filter by status, model and text', () => {
    expect(filterRows(rows, { status: 'failed', model: null, text: '' }).map((row) => row.time)).toEqual(['2026-06-12 09:00:00']);
    expect(filterRows(rows, { status: null, model: 'viduq3-turbo', text: '' })).toHaveLength(1);
    expect(filterRows(rows, { status: null, model: null, text: '720P' })).toHaveLength(1);
    expect(filterRows(rows, { status: null, model: null, text: '结算中' })).toHaveLength(0);
    expect(filterRows(rows, { status: null, model: null, text: '待结算' })).toHaveLength(1);
    expect(modelsOf(rows)).toEqual(['viduq3-pro', 'viduq3-turbo']);
  });

  it('sort by time and amount, pending amounts last', () => {
    expect(sortRows(rows, null)).toBe(rows);
    expect(sortRows(rows, { key: 'time', order: 'ascend' }).map((row) => row.time.slice(11, 13))).toEqual(['09', '10', '11']);
    expect(sortRows(rows, { key: 'time', order: 'descend' }).map((row) => row.time.slice(11, 13))).toEqual(['11', '10', '09']);
    expect(sortRows(rows, { key: 'amount', order: 'descend' }).map((row) => row.amount)).toEqual([9, 2, null]);
    expect(sortRows(rows, { key: 'amount', order: 'ascend' }).map((row) => row.amount)).toEqual([2, 9, null]);
  });
});

describe('curl example', () => {
  it('calls the configured server with the key as a Bearer token', () => {
    const curl = curlExample('https://yj.example.com/api/', 'ak_TEST');
    expect(curl).toContain("curl -X POST 'https://yj.example.com/api/llmage/vidu_inference.dspy'");
    expect(curl).toContain("-H 'Authorization: Bearer ak_TEST'");
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(curl).toMatch(/-d '\{"llmid":.*"llmcatelogid":"t2v".*\}'$/);
  });

  it('quotes for the shell and falls back to a placeholder server', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(endpointUrl(null)).toBe('https://<服务器地址>/llmage/vidu_inference.dspy');
  });
});
