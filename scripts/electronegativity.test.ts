/**
 * The Electronegativity step of `npm test` (scripts/electronegativity.mjs) on fixtures: a bad
 * pattern fails it, the same line annotated passes (in the sources and in a built copy whose
 * comments are gone), and a file the scanner cannot parse fails it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, 'electronegativity.mjs');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const BAD_LINE = "export const win = new BrowserWindow({ webPreferences: { sandbox: false, contextIsolation: false, nodeIntegration: true } });";

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'yj-eng-fixture-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function scan(sources: string, built: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [script, '--sources', sources, '--built', built], { encoding: 'utf8', timeout: 110_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const header = "import { BrowserWindow } from 'electron';\n";

/**
 * What the app-wide checks look for (a CSP, reviewed; navigation limits and a permission handler
 * shaped like main/shell/security.ts), so only the window line is in question.
 */
const GUARDS = {
  'index.html': `<html><head><!-- eng-disable CSP_GLOBAL_CHECK --><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'"></head><body></body></html>\n`,
  'guards.js': [
    "export function guard(contents, session) {",
    "  contents.on('will-navigate', (event) => event.preventDefault());",
    "  contents.setWindowOpenHandler(() => ({ action: 'deny' }));",
    "  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));",
    '}',
    '',
  ].join('\n'),
};

describe('scripts/electronegativity.mjs', () => {
  it('fails on an unreviewed insecure BrowserWindow, naming the checks', () => {
    const sources = fixture({ ...GUARDS, 'window.ts': `${header}${BAD_LINE}\n` });
    const built = fixture({ ...GUARDS, 'main/index.js': `${header}${BAD_LINE}\n` });
    const { status, output } = scan(sources, built);
    expect(status).toBe(1);
    expect(output).toContain('SANDBOX_JS_CHECK');
    expect(output).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(output).toContain('unreviewed');
  }, 120_000);

  it('passes once the line is annotated; the built copy without the comment counts as reviewed too', () => {
    const annotated = `${BAD_LINE} // eng-disable SANDBOX_JS_CHECK CONTEXT_ISOLATION_JS_CHECK NODE_INTEGRATION_JS_CHECK AUXCLICK_JS_CHECK`;
    const sources = fixture({ ...GUARDS, 'window.ts': `${header}// A fixture: reviewed on purpose.\n${annotated}\n` });
    const built = fixture({ ...GUARDS, 'main/index.js': `${header}${BAD_LINE}\n` });
    const { status, output } = scan(sources, built);
    expect(output).toContain('no unreviewed findings');
    expect(status).toBe(0);
  }, 120_000);

  it('fails when a file cannot be parsed (an unread file is an unreviewed file)', () => {
    const sources = fixture({ ...GUARDS, 'broken.ts': 'const = ;\n' });
    const built = fixture({ ...GUARDS, 'main/index.js': 'export const ok = 1;\n' });
    const { status, output } = scan(sources, built);
    expect(status).toBe(1);
    expect(output).toContain('could not parse');
  }, 120_000);
});
