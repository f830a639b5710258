#!/usr/bin/env node
/**
 * Release preflight: an installer users download must be signed (and on macOS notarised), or the
 * OS warns them off it and, on macOS, every update asks again for the keychain item that guards
 * their session. So a release build FAILS when a signing secret is missing, unless the run says
 * explicitly that it wants unsigned test installers (RELEASE_UNSIGNED=true, a manual run's
 * option; never a tag). Reads the secrets' presence from the environment, never prints values.
 *
 *   RELEASE_OS=windows|macos  RELEASE_UNSIGNED=true|false  node scripts/release-secrets-check.mjs
 */
const REQUIRED = {
  windows: ['CSC_LINK', 'CSC_KEY_PASSWORD'],
  macos: ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
};

const os = process.env.RELEASE_OS;
if (!os || !(os in REQUIRED)) {
  console.error(`release-secrets-check: RELEASE_OS must be one of ${Object.keys(REQUIRED).join(', ')} (got ${os ?? 'nothing'})`);
  process.exit(2);
}
const missing = REQUIRED[os].filter((name) => !process.env[name] || process.env[name].trim() === '');
const unsigned = process.env.RELEASE_UNSIGNED === 'true';

if (missing.length === 0) {
  console.log(`release-secrets-check: ${os}: every signing secret is present (${REQUIRED[os].join(', ')})`);
  process.exit(0);
}
if (unsigned) {
  console.log(`::warning::Unsigned ${os} installers were asked for: missing ${missing.join(', ')}. Not for users.`);
  process.exit(0);
}
console.error(`::error::Cannot release for ${os}: missing repository secrets ${missing.join(', ')}. Add them, or start the workflow by hand with "unsigned" for test installers.`);
process.exit(1);
