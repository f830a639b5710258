import { describe, expect, it } from 'vitest';
import { releaseNotesText } from './releaseNotes';

describe('releaseNotesText', () => {
  it('keeps plain text as it is', () => {
    expect(releaseNotesText('  修复了登录问题\n提升速度 ')).toBe('修复了登录问题\n提升速度');
  });

  it('turns HTML into its text, one line per paragraph or item, without markup or script', () => {
    const text = releaseNotesText('<h2>1.1.0</h2><ul><li>修复 &amp; 改进</li><li>更快</li></ul><script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(text).toBe('1.1.0\n修复 & 改进\n更快');
    expect(text).not.toMatch(/<|alert/);
  });
});
