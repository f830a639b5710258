import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTestHooks, TEST_HOOK_NAMES } from './test-hooks.mjs';

describe('findTestHooks (package-check)', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  function build(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'yj-hooks-'));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }

  it('finds a test hook in the built main or preload, and names file and hook', () => {
    const root = build({
      'out/main/index.js': 'export function resetForTests() {}',
      'out/preload/index.cjs': 'require("../main/testing/electron-fake")',
      'out/main/chunk.js': 'const clean = 1;',
    });
    expect(findTestHooks(root)).toEqual(
      expect.arrayContaining([
        { file: 'out/main/index.js', name: 'resetForTests' },
        { file: 'out/preload/index.cjs', name: 'electron-fake' },
        { file: 'out/preload/index.cjs', name: 'testing/' },
      ]),
    );
    expect(findTestHooks(root).some((hit: { file: string }) => hit.file === 'out/main/chunk.js')).toBe(false);
  });

  it('finds nothing in a clean build, and lists the names in one array', () => {
    const root = build({ 'out/main/index.js': 'export const ok = true;', 'out/preload/index.cjs': "require('electron')" });
    expect(findTestHooks(root)).toEqual([]);
    expect(TEST_HOOK_NAMES).toContain('resetForTests');
  });
});
