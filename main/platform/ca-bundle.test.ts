import { describe, expect, it } from 'vitest';
import { loadCertificateAuthorities, nodeCaReader, type CaReader } from './ca-bundle';

const reader =
  (stores: Record<'default' | 'system', string[]>): CaReader =>
  (type) =>
    stores[type];

describe('loadCertificateAuthorities', () => {
  it('merges the OS store with the defaults, each root once', () => {
    const result = loadCertificateAuthorities(reader({ default: ['A', 'B'], system: ['B', 'CORP-ROOT'] }));
    expect(result).toEqual({ source: 'system', certificates: ['A', 'B', 'CORP-ROOT'] });
  });

  it('keeps Node’s defaults where the runtime cannot read the OS store', () => {
    expect(loadCertificateAuthorities(undefined)).toMatchObject({ source: 'bundled', certificates: undefined });
    expect(loadCertificateAuthorities(undefined)).toMatchObject({ reason: expect.stringContaining('getCACertificates') });
    expect(loadCertificateAuthorities(reader({ default: ['A'], system: [] }))).toEqual({ source: 'bundled', certificates: undefined, reason: 'the OS trust store is empty' });
    expect(loadCertificateAuthorities(reader({ default: [], system: ['CORP-ROOT'] }))).toEqual({ source: 'system', certificates: ['CORP-ROOT'] });
    const throwing: CaReader = () => {
      throw new Error('no keychain access');
    };
    expect(loadCertificateAuthorities(throwing)).toEqual({ source: 'bundled', certificates: undefined, reason: 'no keychain access' });
    const throwingText: CaReader = () => {
      throw 'denied'; // a native reader may throw anything, not only Errors
    };
    expect(loadCertificateAuthorities(throwingText)).toMatchObject({ source: 'bundled', reason: 'denied' });
  });

  it('detects the reader by feature, matching what this Node offers', async () => {
    const tls = await import('node:tls');
    const present = typeof (tls as { getCACertificates?: unknown }).getCACertificates === 'function';
    expect(nodeCaReader() !== undefined).toBe(present);
    // Both answers, whatever this runtime is: a module with the reader, and one without.
    const read: CaReader = () => ['ROOT'];
    expect(nodeCaReader({ getCACertificates: read })).toBe(read);
    expect(nodeCaReader({})).toBeUndefined();
    expect(nodeCaReader({ getCACertificates: 'not a function' })).toBeUndefined();
    // Whatever this runtime is, loading never throws and says which list it uses.
    expect(['system', 'bundled']).toContain(loadCertificateAuthorities().source);
  });
});
