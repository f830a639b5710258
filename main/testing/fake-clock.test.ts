import { describe, expect, it } from 'vitest';
import { createPublisher } from '../core/publisher';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('runs due timers in time order, including ones they schedule, and moves now', async () => {
    const clock = new FakeClock(1_000);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      ran.push(`a@${clock.now()}`);
      clock.setTimeout(() => ran.push(`c@${clock.now()}`), 5);
    }, 10);
    const cancelled = clock.setTimeout(() => ran.push('never'), 15);
    clock.clearTimeout(cancelled);
    expect(clock.nextDelay()).toBe(10);
    await clock.advance(30);
    expect(ran).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1_030);
    expect(clock.pendingTimers()).toBe(0);
    expect(clock.nextDelay()).toBeNull();
  });

  it('lets an async callback finish before the next timer is considered', async () => {
    const clock = new FakeClock(0);
    const ran: string[] = [];
    clock.setTimeout(async () => {
      await Promise.resolve();
      ran.push('first, after its await');
    }, 10);
    clock.setTimeout(() => ran.push('second'), 10);
    await clock.advance(10);
    expect(ran).toEqual(['first, after its await', 'second']);
  });

  it('drives the publisher without global fake timers', async () => {
    const clock = new FakeClock(0);
    const sent: number[] = [];
    const publisher = createPublisher<{ tick: { n: number } }>({ keys: { tick: null }, clock, send: (m) => sent.push(m.payload.n) });
    for (let n = 1; n <= 5; n += 1) publisher.publish({ event: 'tick', payload: { n } });
    await clock.advance(100);
    expect(sent).toEqual([1, 5]);
  });
});
