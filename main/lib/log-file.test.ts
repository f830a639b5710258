import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILE, openLogFile, PREVIOUS_LOG_FILE, teeStreams } from './log-file';
import { createLogger } from './logger';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'yj-logs-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openLogFile', () => {
  it('appends redacted JSON lines to <logs>/main.log, and to stderr-like streams too', async () => {
    const dir = join(tempDir(), 'logs');
    const file = openLogFile(dir)!;
    const console: string[] = [];
    const logger = createLogger({ stream: teeStreams({ write: (chunk: string) => console.push(chunk) }, file) });
    logger.warn('login failed', { phone: '13912345678', sms_code: '123456' });
    await file.close();
    const written = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(written).toBe(console.join(''));
    expect(written).toContain('"msg":"login failed"');
    expect(written).not.toContain('123456');
    expect(written).not.toContain('13912345678');
  });

  it('keeps one previous file when the log grew past its limit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOG_FILE), 'x'.repeat(2_000));
    const file = openLogFile(dir, 1_000)!;
    file.write('fresh\n');
    await file.close();
    expect(readFileSync(join(dir, PREVIOUS_LOG_FILE), 'utf8')).toHaveLength(2_000);
    expect(readFileSync(join(dir, LOG_FILE), 'utf8')).toBe('fresh\n');
  });

  it('answers null for a folder it cannot create (logging goes on without a file)', () => {
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, '');
    expect(openLogFile(join(blocker, 'logs'))).toBeNull();
    expect(existsSync(join(blocker, 'logs'))).toBe(false);
  });

  it('a sink that throws does not silence the others', () => {
    const lines: string[] = [];
    const tee = teeStreams({ write: () => { throw new Error('disk full'); } }, { write: (chunk: string) => lines.push(chunk) });
    tee.write('a\n');
    expect(lines).toEqual(['a\n']);
  });
});
