/** `npm run test:mutation`'s wrapper, with a stand-in for Stryker's command-line script. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { budgetLine, formatDuration, strykerBin } from './run.mjs';

const script = fileURLToPath(new URL('./run.mjs', import.meta.url));
const stubDir = mkdtempSync(join(tmpdir(), 'yj-stub-stryker-'));
const stub = join(stubDir, 'stryker.js');
writeFileSync(stub, "console.log('stub-stryker ' + process.argv.slice(2).join(' '));\nprocess.exit(Number(process.env.STUB_EXIT ?? 0));\n");
afterAll(() => rmSync(stubDir, { recursive: true, force: true }));

function wrapper(args: string[], exitCode: number) {
  return spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MUTATION_STRYKER_BIN: stub, STUB_EXIT: String(exitCode) },
    timeout: 20_000,
  });
}

describe('scripts/mutation/run.mjs', () => {
  it("passes its arguments to `stryker run`, prints the time beside the budget, and exits with Stryker's code", () => {
    const result = wrapper(['--mutate', 'main/platform/decode.ts', '--concurrency', '1'], 3);

    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('stub-stryker run --mutate main/platform/decode.ts --concurrency 1');
    expect(lines.at(-1)).toMatch(/^变异测试用时 \/ mutation run: 0 min [0-9] s — within the 30-minute budget/);
    expect(result.status).toBe(3);
  });

  it("finds Stryker's installed command-line script", () => {
    expect(process.env.MUTATION_STRYKER_BIN).toBeUndefined();
    expect(existsSync(strykerBin())).toBe(true);
  });

  it('exits 0 when Stryker does', () => {
    expect(wrapper([], 0).status).toBe(0);
  });

  it('says when a run went over the budget, and formats minutes and seconds', () => {
    expect(formatDuration(976_512)).toBe('16 min 17 s');
    expect(formatDuration(59_600)).toBe('1 min 0 s');
    expect(budgetLine(30 * 60_000)).toContain('within the 30-minute budget');
    expect(budgetLine(30 * 60_000 + 1_000)).toContain('OVER the 30-minute budget');
  });
});
