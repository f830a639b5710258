/**
 * Steps and checks the video journeys share (video*.test.ts, host-kill.test.ts): the studio
 * and the tasks screen as a user drives them, and what the simulator says it received.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { hostDataPaths } from '../main/host/system-ports';
import { JOURNAL_FILE, SNAPSHOT_FILE } from '../main/services/tasks/journal';
import { expect } from 'vitest';
import { navigate, waitForRoute } from './flows';
import type { Simulator } from './harness';

export const SUBMIT_PATH = '/llmage/vidu_inference.dspy';

/** A valid RGB PNG of `width`×`height` (a gradient), built with zlib. */
export function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x * 255) / width;
      raw[row + 2 + x * 3] = (y * 255) / height;
      raw[row + 3 + x * 3] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let promptSeq = 0;
/** A prompt no other test (or earlier run against the same simulator) has used. */
export function uniquePrompt(what: string): string {
  return `${what} ${Date.now().toString(36)}-${++promptSeq}`;
}

/** Submit requests the simulator logged whose body carries `prompt`. */
export function submitsFor(sim: Simulator, prompt: string) {
  return sim.control.requests().filter((r) => r.path === SUBMIT_PATH && JSON.stringify(r.body ?? '').includes(prompt));
}

export function transnoOf(body: unknown): string | undefined {
  const value = (body as Record<string, unknown> | null)?.['transno'];
  return typeof value === 'string' ? value : undefined;
}

/** Platform tasks made for `prompt`: matched by the transno the app sent with it. */
export function platformTasksFor(sim: Simulator, prompt: string) {
  const transnos = new Set(submitsFor(sim, prompt).map((r) => transnoOf(r.body)));
  return sim.control.tasks().filter((t) => transnos.has(t.transno));
}

/** 创作 → catalog tab → model; the form is ready. */
export async function openModel(page: Page, catalog: 't2v' | 'i2v' | 'r2v', modelId: string): Promise<void> {
  await navigate(page, '创作');
  await waitForRoute(page, '/studio');
  await page.getByTestId(`studio-tab-${catalog}`).click();
  await page.getByTestId(`studio-model-${modelId}`).click();
  await page.getByTestId('studio-form').waitFor();
}

export function promptBox(page: Page) {
  return page.getByTestId('studio-control-prompt').locator('textarea, input').first();
}

export async function typePrompt(page: Page, prompt: string): Promise<void> {
  await promptBox(page).fill(prompt);
}

export async function expectQuote(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('studio-quote').innerText(), { timeout: 10_000 }).toMatch(/¥\s?\d/);
}

/** Waits for the price, submits and waits for the studio's "submitted" line. */
export async function submitFrom(page: Page): Promise<void> {
  await expectQuote(page);
  await page.getByTestId('studio-submit').click();
  await page.getByTestId('studio-submitted').waitFor();
}

export function taskRow(page: Page, prompt: string) {
  return page.locator('[data-testid^="task-row-"]').filter({ hasText: prompt });
}

export async function rowStatus(page: Page, prompt: string): Promise<string> {
  const row = taskRow(page, prompt);
  if ((await row.count()) === 0) return '';
  return (await row.first().getByTestId('task-status').innerText()).trim();
}

export async function openTasks(page: Page): Promise<void> {
  // While tasks run, the link carries a count badge ("任务 1"), so its name only starts with 任务.
  await page.getByRole('navigation').getByRole('link', { name: /^任务/ }).click();
  await waitForRoute(page, '/tasks');
}

export async function waitForStatus(page: Page, prompt: string, status: string, timeout = 30_000): Promise<void> {
  await taskRow(page, prompt).first().waitFor({ timeout });
  await expect.poll(() => rowStatus(page, prompt), { timeout, interval: 250 }).toBe(status);
}

/** The task ledger's files (snapshot + journal) of a host's data folder as text: what survives a crash. */
export function ledgerText(hostDataDir: string): string {
  return [SNAPSHOT_FILE, JOURNAL_FILE]
    .map((name) => join(hostDataPaths(hostDataDir).dataDir(), 'tasks', name))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}
