/** The release preflight: a release without signing secrets fails unless unsigned was asked for. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./release-secrets-check.mjs', import.meta.url));
const SECRET_NAMES = ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'RELEASE_UNSIGNED', 'RELEASE_OS'];

function check(env: Record<string, string>) {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SECRET_NAMES) delete clean[name];
  return spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...clean, ...env } });
}

const WINDOWS_SECRETS = { CSC_LINK: 'canary-cert-base64', CSC_KEY_PASSWORD: 'canary-password' };
const MAC_SECRETS = { ...WINDOWS_SECRETS, APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'canary-app-pw', APPLE_TEAM_ID: 'TEAM123' };

describe('release-secrets-check', () => {
  it('passes when every secret of the OS is present, without printing a value', () => {
    for (const [os, secrets] of [['windows', WINDOWS_SECRETS], ['macos', MAC_SECRETS]] as const) {
      const result = check({ RELEASE_OS: os, ...secrets });
      expect(result.status).toBe(0);
      expect(result.stdout + result.stderr).not.toMatch(/canary/);
    }
  });

  it('fails a release that lacks a secret, naming what is missing', () => {
    const result = check({ RELEASE_OS: 'macos', ...WINDOWS_SECRETS, RELEASE_UNSIGNED: 'false' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('missing repository secrets APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID');
  });

  it('treats an empty secret as missing', () => {
    const result = check({ RELEASE_OS: 'windows', CSC_LINK: '  ', CSC_KEY_PASSWORD: 'x' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CSC_LINK');
  });

  it('lets an explicitly unsigned run through with a warning', () => {
    const result = check({ RELEASE_OS: 'windows', RELEASE_UNSIGNED: 'true' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('::warning::Unsigned windows installers');
  });

  it('refuses an unknown OS', () => {
    expect(check({ RELEASE_OS: 'linux' }).status).toBe(2);
  });
});
