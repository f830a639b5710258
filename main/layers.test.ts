/**
 * The layer rule of eslint.config.js, proven on in-memory sources: each case lints one import
 * as if it were written in the given file, with the project's own config.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as imported from '${specifier}';\nexport const used = imported;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('the layer rule (eslint.config.js)', () => {
  it.each([
    ['main/lib/x.ts', '../core/ports', 'main/lib imports nothing of main'],
    ['main/core/bus.ts', '../platform/orders', 'The core kernel imports only main/lib'],
    ['main/core/publisher.ts', './modules/balance', 'The core kernel imports only main/lib'],
    ['main/platform/x.ts', '../services/session', 'main/platform imports only main/lib and the core kernel'],
    ['main/platform/x.ts', '../core', 'main/platform imports only main/lib and the core kernel'],
    ['main/services/x.ts', '../ipc/router', 'main/services imports only'],
    ['main/services/tasks/x.ts', '../../core/modules/balance', 'main/services imports only'],
    ['main/services/x.ts', 'electron', 'Only main/shell and main/index.ts touch electron'],
    ['main/host/x.ts', '../shell/window', 'The browser host never imports main/shell'],
    ['main/index.ts', './host/server', 'The Electron app never bundles the browser host'],
    ['main/services/x.ts', '../testing/memory-ports', 'never imports a testing/ folder'],
    ['main/shell/x.ts', '../testing/electron-fake', 'never imports a testing/ folder'],
    ['preload/x.ts', './testing/fake', 'never imports a testing/ folder'],
  ])('%s may not import %s', async (file, specifier, message) => {
    const errors = await restrictedImports(file, specifier);
    expect(errors.join('\n')).toContain(message);
  });

  it.each([
    ['main/core/ports.ts', '../lib/logger'],
    ['main/platform/x.ts', '../core/ports'],
    ['main/services/x.ts', '../platform/http'],
    ['main/core/modules/x.ts', '../../services/session'],
    ['main/ipc/handlers/x.ts', '../../services/balance'],
    ['main/host/x.ts', '../core'],
    ['main/services/x.test.ts', '../testing/memory-ports'],
    ['main/testing/x.ts', '../core/index'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restrictedImports(file, specifier)).toEqual([]);
  });
});
