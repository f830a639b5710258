/**
 * The release workflow cannot run here (it needs Windows and macOS runners); these checks keep
 * its security properties from quietly eroding in a later edit.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const workflow = readFileSync(fileURLToPath(new URL('../.github/workflows/release.yml', import.meta.url)), 'utf8');
const lines = workflow.split('\n');

describe('.github/workflows/release.yml', () => {
  it('pins every action to a full commit SHA', () => {
    const uses = lines.filter((line) => /^\s*-?\s*uses:/.test(line));
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const line of uses) expect(line).toMatch(/uses:\s+[\w.-]+\/[\w.-]+@[0-9a-f]{40}\s+#\s+v\d/);
  });

  it('grants the token read access to the contents only, and does not leave it in the checkout', () => {
    const at = lines.indexOf('permissions:');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe('  contents: read');
    expect(lines[at + 2].trim()).toBe('');
    expect(workflow.match(/^[ ]+permissions:/gm)).toBeNull(); // no job widens it
    expect(workflow).toMatch(/persist-credentials: false/);
  });

  it('checks the signing secrets before it installs or builds anything', () => {
    const check = workflow.indexOf('node scripts/release-secrets-check.mjs');
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(workflow.indexOf('run: npm ci'));
    // Unsigned only when a person asked for it in a manual run, never for a tag.
    expect(workflow).toMatch(/RELEASE_UNSIGNED: \$\{\{ github\.event_name == 'workflow_dispatch' && inputs\.unsigned/);
  });

  it('reads the fuses back after building, and smoke-tests each installer', () => {
    expect(workflow.indexOf('scripts/fuses-check.mjs')).toBeGreaterThan(workflow.indexOf('npx electron-builder'));
    expect(workflow).toMatch(/needs: installer/);
    expect(workflow.match(/--smoke-test/g)?.length).toBeGreaterThanOrEqual(2);
  });
});
