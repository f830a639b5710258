import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs helpers without type declarations
import { EXPECTED_FUSES, findFuses, FUSE_SENTINEL, FUSES, fuseMismatches, readFuseWire } from './fuses.mjs';

/** A fake binary: padding, the wire with the given '0'/'1' bytes, more padding. */
function binaryWith(bits: string): Buffer {
  return Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(`${FUSE_SENTINEL}\x01${String.fromCharCode(bits.length)}${bits}`, 'latin1'), Buffer.alloc(512)]);
}

/** The wire electron-builder.yml asks for, with Electron's defaults for the two it leaves alone. */
const WANTED = '01001100';

describe('fuses', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'yj-fuses-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('reads every fuse of a wire by name, and nothing from a file without one', () => {
    const fuses = readFuseWire(binaryWith('10110001'));
    expect(Object.keys(fuses)).toEqual(FUSES);
    expect(fuses.runAsNode).toBe(true);
    expect(fuses.enableCookieEncryption).toBe(false);
    expect(fuses.grantFileProtocolExtraPrivileges).toBe(true);
    expect(readFuseWire(Buffer.alloc(100))).toBeNull();
  });

  it('finds the wire deep inside a macOS-like bundle and skips the asar', () => {
    const dir = freshDir();
    const framework = join(dir, '元境 Desktop.app/Contents/Frameworks/Electron Framework.framework/Versions/A');
    mkdirSync(framework, { recursive: true });
    mkdirSync(join(dir, '元境 Desktop.app/Contents/Resources'), { recursive: true });
    writeFileSync(join(dir, '元境 Desktop.app/Contents/Resources/app.asar'), binaryWith('11111111'));
    writeFileSync(join(framework, 'Electron Framework'), binaryWith(WANTED));
    const found = findFuses(dir);
    expect(found.file).toContain('Electron Framework');
    expect(fuseMismatches(found.fuses)).toEqual([]);
  });

  it('names each fuse that differs from electron-builder.yml', () => {
    const defaults = readFuseWire(binaryWith('10110001'));
    const lines = fuseMismatches(defaults);
    expect(lines).toContain('fuse runAsNode is on, electron-builder.yml asks for off');
    expect(lines).toContain('fuse enableCookieEncryption is off, electron-builder.yml asks for on');
    expect(lines).toHaveLength(Object.keys(EXPECTED_FUSES).length);
  });

  it('counts a fuse the wire is too short to carry as missing', () => {
    expect(fuseMismatches(readFuseWire(binaryWith('0100')))).toEqual([
      'fuse enableEmbeddedAsarIntegrityValidation is missing, electron-builder.yml asks for on',
      'fuse onlyLoadAppFromAsar is missing, electron-builder.yml asks for on',
      'fuse grantFileProtocolExtraPrivileges is missing, electron-builder.yml asks for off',
    ]);
  });

  it('finds nothing in a folder without a wire', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'app'), Buffer.alloc(1000));
    expect(findFuses(dir)).toBeNull();
  });
});
