/** RequestBudget on the fake clock: the sliding window that caps platform requests a minute (§5.2). */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/fake-clock';
import { RequestBudget } from './budget';

describe('RequestBudget', () => {
  it('allows 12 requests in any minute by default, and no 13th', () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(clock);
    expect(budget.limit).toBe(12);
    expect(budget.windowMs).toBe(60_000);
    expect(budget.available()).toBe(12);
    for (let i = 0; i < 12; i += 1) expect(budget.take()).toBe(true);
    expect(budget.available()).toBe(0);
    expect(budget.take()).toBe(false);
  });

  it('frees a request exactly one window after it was spent, not a millisecond before', async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(clock, 2, 1_000);
    budget.take();
    await clock.advance(400);
    budget.take();
    await clock.advance(599);
    expect(budget.available()).toBe(0);
    await clock.advance(1);
    expect(budget.available()).toBe(1); // the first one is a window old; the second is not
    await clock.advance(399);
    expect(budget.available()).toBe(1);
    await clock.advance(1);
    expect(budget.available()).toBe(2);
  });

  it('spends all n requests when they fit, down to the last one, and nothing when they do not', () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(clock, 5);
    expect(budget.take(3)).toBe(true);
    expect(budget.available()).toBe(2);
    expect(budget.take(3)).toBe(false); // a list round needs all three: none is spent
    expect(budget.available()).toBe(2);
    expect(budget.take(2)).toBe(true); // exactly what is left
    expect(budget.available()).toBe(0);
  });

  it('tells how long until n requests fit: 0 now, the wait for the oldest stamps, never for more than the limit', async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget(clock, 4, 10_000);
    expect(budget.msUntil(4)).toBe(0);
    budget.take(2);
    await clock.advance(3_000);
    budget.take(1);
    await clock.advance(1_000);
    // Spent at 0, 0 and 3 s; now 4 s. One is free.
    expect(budget.msUntil(1)).toBe(0);
    expect(budget.msUntil(2)).toBe(6_000); // the first stamp leaves at 10 s
    expect(budget.msUntil(3)).toBe(6_000); // both stamps of 0 s leave then
    expect(budget.msUntil(4)).toBe(9_000); // the 3 s stamp leaves at 13 s
    expect(budget.msUntil(5)).toBe(Infinity);
    await clock.advance(6_000);
    expect(budget.msUntil(3)).toBe(0);
    expect(budget.take(3)).toBe(true);
  });
});
