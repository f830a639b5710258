import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, toCsv } from './csv';
import { csvHeader, csvRows, toDisplayRows } from './orderRows';
import { fakeOrderRow, translator } from '@/testing/fixtures';

const t = translator('zh-CN');

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

  it('defuses every text that starts like a formula, even one that looks like a negative number', () => {
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField('-0+HYPERLINK("http://evil.example","x")')).toBe(`"'-0+HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('-1.50')).toBe("'-1.50");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(null)).toBe('');
  });

  it('writes numbers as numbers, negatives included', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(12.34)).toBe('12.34');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('exports the shown order rows with words and plain amounts', () => {
    const rows = toDisplayRows([fakeOrderRow(), fakeOrderRow({ amount: null, accountingStatus: 'created', status: 'RUNNING', name: '图生视频, 高清' })], t);
    const csv = toCsv(csvHeader(t), csvRows(rows));
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('时间（服务器时间）,模型名称,模型,用量,金额,状态,结算状态');
    expect(lines[1]).toBe('2026-06-12 10:31:07,Vidu Q3 文生视频,viduq3-pro,5 秒 · 1080p,4.5,成功,已结算');
    expect(lines[2]).toBe('2026-06-12 10:31:07,"图生视频, 高清",viduq3-pro,5 秒 · 1080p,—,处理中,进行中');
  });
});
