import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-file';

const freshDir = () => mkdtempSync(join(tmpdir(), 'yj-atomic-'));

describe.each([
  ['async', (file: string, data: string, mode?: number) => writeFileAtomic(file, data, { mode })],
  ['sync', async (file: string, data: string, mode?: number) => writeFileAtomicSync(file, data, { mode })],
] as const)('writeFileAtomic (%s)', (_name, write) => {
  it('creates missing folders and writes the whole content, private to the user', async () => {
    const file = join(freshDir(), 'a', 'b', 'state.json');
    await write(file, '{"n":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file and leaves no temp file behind', async () => {
    const dir = freshDir();
    const file = join(dir, 'state.json');
    writeFileSync(file, 'old');
    await write(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('keeps the old file and removes the temp file when the rename fails', async () => {
    const dir = freshDir();
    const target = join(dir, 'is-a-folder');
    // Renaming a file over a non-empty folder fails on every OS.
    await write(join(target, 'inside'), 'x');
    await expect(write(target, 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['is-a-folder']);
    expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('x');
  });

  it('honours an explicit mode', async () => {
    if (process.platform === 'win32') return;
    const file = join(freshDir(), 'public.txt');
    await write(file, 'x', 0o644);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });
});
