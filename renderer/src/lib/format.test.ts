import { describe, expect, it } from 'vitest';
import { accountingWord, formatYuan, isLowBalance, maskSecret, orderAmountText, statusWord, usageInWords } from './format';
import { translator } from '@/testing/fixtures';

const t = translator('zh-CN');

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
