import { describe, expect, it, vi } from 'vitest';
import type { ClipboardPort, Clock } from '../core/ports';
import { silentLogger } from '../lib/logger';
import { SecretClipboard } from './secret-clipboard';

function fakeClipboard(): ClipboardPort & { text: string } {
  const board = {
    text: '',
    readText: async () => board.text,
    writeText: async (text: string) => void (board.text = text),
    clear: () => void (board.text = ''),
  };
  return board;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      next += 1;
      timers.push({ at: now + ms, fn, id: next });
      return next;
    },
    clearTimeout: (id) => void (timers = timers.filter((t) => t.id !== id)),
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

describe('SecretClipboard', async () => {
  it('copies, then clears after 60 s when the secret is still there', async () => {
    const board = fakeClipboard();
    const clock = fakeClock();
    const secrets = new SecretClipboard({ clipboard: board, clock, logger: silentLogger });
    expect(await secrets.copy('ak_secret')).toEqual({ handled: true, clearsAt: 60_000 });
    expect(board.text).toBe('ak_secret');
    clock.advance(59_999);
    expect(board.text).toBe('ak_secret');
    clock.advance(1);
    await settle();
    expect(board.text).toBe('');
  });

  it('leaves what the user copied since', async () => {
    const board = fakeClipboard();
    const clock = fakeClock();
    const secrets = new SecretClipboard({ clipboard: board, clock, logger: silentLogger });
    await secrets.copy('ak_secret');
    board.text = '别的内容';
    clock.advance(60_000);
    await settle();
    expect(board.text).toBe('别的内容');
  });

  it('a second copy replaces the first timer: the first secret is no longer checked for', async () => {
    const board = fakeClipboard();
    const clock = fakeClock();
    const clear = vi.spyOn(board, 'clear');
    const secrets = new SecretClipboard({ clipboard: board, clock, logger: silentLogger });
    await secrets.copy('ak_one');
    clock.advance(30_000);
    await secrets.copy('sk_two');
    clock.advance(30_000);
    await settle();
    expect(board.text).toBe('sk_two');
    expect(clear).not.toHaveBeenCalled();
    clock.advance(30_000);
    await settle();
    expect(board.text).toBe('');
  });

  it('clears a secret still on the clipboard when the app quits, and keeps no copy of it', async () => {
    const board = fakeClipboard();
    const secrets = new SecretClipboard({ clipboard: board, clock: fakeClock(), logger: silentLogger });
    await secrets.copy('ak_secret');
    // Only a digest is kept (the fake clipboard inside deps holds the text, as the OS would).
    expect(JSON.stringify({ ...secrets, deps: null })).not.toContain('ak_secret');
    await secrets.dispose();
    expect(board.text).toBe('');
  });

  it('without a clipboard port (browser host) leaves copying to the renderer', async () => {
    const secrets = new SecretClipboard({ clipboard: null, clock: fakeClock(), logger: silentLogger });
    expect(await secrets.copy('ak_secret')).toEqual({ handled: false });
  });
});
