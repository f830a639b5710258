import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_LIFETIME_MS, linkExpiry } from './expiry';

describe('linkExpiry', () => {
  const seen = Date.UTC(2026, 11, 2, 8);
  it('reads Expires as epoch seconds', () => {
    expect(linkExpiry('https://cdn.example/v.mp4?Expires=1796198400&Signature=x', seen)).toBe(1796198400_000);
  });
  it('assumes one hour after it was seen without Expires, or with a value that is not epoch seconds', () => {
    expect(linkExpiry('https://cdn.example/v.mp4?sig=x', seen)).toBe(seen + DEFAULT_LINK_LIFETIME_MS);
    expect(linkExpiry('https://cdn.example/v.mp4?Expires=tomorrow', seen)).toBe(seen + DEFAULT_LINK_LIFETIME_MS);
    expect(linkExpiry('not a url', seen)).toBe(seen + DEFAULT_LINK_LIFETIME_MS);
  });
});
