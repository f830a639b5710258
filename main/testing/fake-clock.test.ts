import { describe, expect, it } from 'vitest';
import { createPublisher } from '../core/publisher';
import { fakeClock } from './fake-clock';

describe('fakeClock', () => {
  it('runs due timers in time order, including ones they schedule, and moves now', () => {
    const clock = fakeClock(1_000);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      ran.push(`a@${clock.now()}`);
      clock.setTimeout(() => ran.push(`c@${clock.now()}`), 5);
    }, 10);
    const cancelled = clock.setTimeout(() => ran.push('never'), 15);
    clock.clearTimeout(cancelled);
    clock.advance(30);
    expect(ran).toEqual(['a@1010', 'c@1015', 'b@1020']);
    expect(clock.now()).toBe(1_030);
    expect(clock.pending()).toBe(0);
  });

  it('drives the publisher without global fake timers', () => {
    const clock = fakeClock();
    const sent: number[] = [];
    const publisher = createPublisher<{ tick: { n: number } }>({ keys: { tick: null }, clock, send: (m) => sent.push(m.payload.n) });
    for (let n = 1; n <= 5; n += 1) publisher.publish({ event: 'tick', payload: { n } });
    clock.advance(100);
    expect(sent).toEqual([1, 5]);
  });
});
