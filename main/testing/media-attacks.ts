/**
 * Encoded media paths that must never reach a file: each is a way out of the library folder on
 * some OS (the file they aim at is `secret.mp4` beside the folder). Shared by the pure check's
 * test, the browser host's route test and the desktop protocol's test.
 */
export const REFUSED_MEDIA_PATHS: [string, string][] = [
  ['dot-dot', '../secret.mp4'],
  ['dot-dot deeper', '2026/../../secret.mp4'],
  ['a lone dot', './cat.mp4'],
  ['encoded dots', '%2e%2e/secret.mp4'],
  ['encoded dots, upper case', '%2E%2E/secret.mp4'],
  ['half-encoded dots', '.%2e/secret.mp4'],
  ['encoded slash', '..%2fsecret.mp4'],
  ['encoded slash inside a name', '2026%2f..%2f..%2fsecret.mp4'],
  ['double-encoded dots', '%252e%252e/secret.mp4'],
  ['double-encoded slash', '..%252fsecret.mp4'],
  ['a backslash', '..\\secret.mp4'],
  ['an encoded backslash', '..%5csecret.mp4'],
  ['an absolute path', '/etc/passwd'],
  ['an encoded absolute path', '%2fetc%2fpasswd'],
  ['a UNC-like start', '//server/share/x.mp4'],
  ['a Windows UNC start', '\\\\server\\share\\x.mp4'],
  ['an encoded UNC start', '%5c%5cserver%5cshare%5cx.mp4'],
  ['a drive letter', 'C:/Windows/win.ini'],
  ['an encoded drive letter', 'C%3a/Windows/win.ini'],
  ['an NTFS stream', 'cat.mp4::$DATA'],
  ['a NUL byte', 'cat.mp4%00.png'],
  ['a raw NUL byte', 'cat.mp4\0.png'],
  ['a control character', 'cat%0a.mp4'],
  ['a trailing dot (Windows drops it)', 'cat.mp4.'],
  ['dots and a space (Windows reads ..)', '.. /secret.mp4'],
  ['a device name', 'NUL.mp4'],
  ['an empty segment', '2026//a.inputs/1.png'],
  ['broken percent-encoding', '%E0%A4%A.mp4'],
  ['nothing', ''],
  ['far too long', `${'a/'.repeat(3000)}x.mp4`],
];
