/**
 * Certificates to trust for HTTPS: Node's bundled CAs plus the OS trust store, so that a
 * company gateway that inspects TLS with a root installed in Windows/macOS is trusted as it is
 * by the browser. Electron's main-process Node checks only its bundled list; Node ≥ 22.15 /
 * 23.5 (Electron 45 ships Node 22) can read the OS store with `tls.getCACertificates('system')`.
 * Where that is missing we keep Node's defaults and say so.
 */
import * as tls from 'node:tls';

export type CaReader = (type: 'default' | 'system') => string[];

export interface CertificateAuthorities {
  /** 'system': bundled + OS store; 'bundled': Node's own list only (no OS store reader, or it failed). */
  source: 'system' | 'bundled';
  /** For got's `https.certificateAuthority`; undefined = Node's defaults. */
  certificates: string[] | undefined;
  /** Why the OS store is not used, for the log. */
  reason?: string;
}

/** Node's reader when this runtime has one (feature detection, not a version check). */
export function nodeCaReader(tlsModule: object = tls): CaReader | undefined {
  const reader = (tlsModule as { getCACertificates?: unknown }).getCACertificates;
  return typeof reader === 'function' ? (reader as CaReader) : undefined;
}

export function loadCertificateAuthorities(read: CaReader | undefined = nodeCaReader()): CertificateAuthorities {
  if (!read) return { source: 'bundled', certificates: undefined, reason: 'tls.getCACertificates is not available in this Node' };
  try {
    const system = read('system');
    if (system.length === 0) return { source: 'bundled', certificates: undefined, reason: 'the OS trust store is empty' };
    // Passing `ca` replaces Node's list, so the defaults go in too; a Set drops the roots both hold.
    return { source: 'system', certificates: [...new Set([...read('default'), ...system])] };
  } catch (error) {
    return { source: 'bundled', certificates: undefined, reason: error instanceof Error ? error.message : String(error) };
  }
}
