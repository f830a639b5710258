import { describe, expect, it } from 'vitest';
import { SecretValues } from './secret-values';

describe('SecretValues', () => {
  it('scrubs a registered value from any text: message, URL (encoded too), stack', () => {
    const secrets = new SecretValues();
    secrets.add('sk-CANARY+secret/1');
    const error = new Error('upstream said sk-CANARY+secret/1 is invalid');
    const text = [error.message, `https://x.example/a?key=${encodeURIComponent('sk-CANARY+secret/1')}`, error.stack ?? ''].join('\n');
    const scrubbed = secrets.scrub(text);
    expect(scrubbed).not.toContain('sk-CANARY+secret/1');
    expect(scrubbed).not.toContain(encodeURIComponent('sk-CANARY+secret/1'));
    expect(scrubbed).toContain('upstream said [redacted] is invalid');
  });

  it('short values (4–5 chars) only as whole tokens; under 4 not at all', () => {
    const secrets = new SecretValues();
    secrets.add('4821');
    secrets.add('abc');
    expect(secrets.scrub('code 4821 sent; port 48210; id x4821y; abc')).toBe('code [redacted] sent; port 48210; id x4821y; abc');
    expect(secrets.list()).toEqual(['4821']);
  });

  it('a secret that contains another is replaced whole, and the oldest are forgotten past the cap', () => {
    const secrets = new SecretValues();
    secrets.add('abcdef');
    secrets.add('abcdefghij');
    expect(secrets.scrub('xx abcdefghij yy')).toBe('xx [redacted] yy');
    for (let i = 0; i < 300; i += 1) secrets.add(`value-${i}-padding`);
    expect(secrets.list()).toHaveLength(256);
    expect(secrets.scrub('abcdef')).toBe('abcdef');
  });
});
