/**
 * Electron's fuse wire, read back from a built app: a sentinel, the wire version, its length,
 * then one byte a fuse ('0' off, '1' on), in @electron/fuses' order. Used by the packaging check
 * (against a stub) and by the release workflow (against each real installer's app), so both
 * compare with the same table.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
/** Electron 45's defaults, in wire order. */
export const ELECTRON_DEFAULT_FUSES = '10110001';
/** What electron-builder.yml asks for (a fuse it leaves out keeps Electron's default). */
export const EXPECTED_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
};

/** The fuses in one file's bytes, by name; null when the file holds no wire. */
export function readFuseWire(bytes) {
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) return null;
  const length = bytes[at + FUSE_SENTINEL.length + 1];
  const start = at + FUSE_SENTINEL.length + 2;
  return Object.fromEntries(FUSES.slice(0, length).map((name, i) => [name, bytes[start + i] === 0x31]));
}

/**
 * The first file under `dir` (depth-first, executables and frameworks included) that carries a
 * wire: the .exe on Windows, the Electron Framework binary inside a macOS .app, the executable on
 * Linux. Files under 1 MB other than the stub's are skipped: the wire lives in the big binary.
 */
export function findFuses(dir, { minBytes = 0 } = {}) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      const found = findFuses(full, { minBytes });
      if (found) return found;
    } else if (entry.isFile() && statSync(full).size >= minBytes && !/\.(asar|pak|dat|json|txt|png|icns|ico)$/i.test(entry.name)) {
      const fuses = readFuseWire(readFileSync(full));
      if (fuses) return { file: full, fuses };
    }
  }
  return null;
}

/** "name is on, expected off" lines for every fuse that differs from EXPECTED_FUSES. */
export function fuseMismatches(fuses) {
  return Object.entries(EXPECTED_FUSES)
    .filter(([name, expected]) => fuses[name] !== expected)
    .map(([name, expected]) => `fuse ${name} is ${fuses[name] === undefined ? 'missing' : fuses[name] ? 'on' : 'off'}, electron-builder.yml asks for ${expected ? 'on' : 'off'}`);
}

export function describeFuses(fuses) {
  return Object.entries(fuses)
    .map(([name, on]) => `${name}=${on ? 'on' : 'off'}`)
    .join(', ');
}
