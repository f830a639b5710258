/** ConditionGate: polling may talk to the platform only while signed in, online and awake. */
import { describe, expect, it } from 'vitest';
import { ConditionGate, type GateCondition } from './gate';

describe('ConditionGate', () => {
  it('starts signed out (closed) but online and awake unless told otherwise', () => {
    expect(new ConditionGate().open).toBe(false);
    expect(new ConditionGate({ signedIn: true }).open).toBe(true);
    expect(new ConditionGate({ signedIn: true, online: false }).open).toBe(false);
    expect(new ConditionGate({ signedIn: true, awake: false }).open).toBe(false);
  });

  it('is open only while all three conditions hold', () => {
    const conditions: GateCondition[] = ['signedIn', 'online', 'awake'];
    for (const off of conditions) {
      const gate = new ConditionGate({ signedIn: true });
      gate.set(off, false);
      expect(gate.open).toBe(false);
      gate.set(off, true);
      expect(gate.open).toBe(true);
    }
  });

  it('tells listeners only when open changes, with the new value', () => {
    const gate = new ConditionGate({ signedIn: true });
    const seen: boolean[] = [];
    gate.subscribe((open) => seen.push(open));
    gate.set('online', false);
    gate.set('awake', false); // already closed: no news
    gate.set('online', true); // still asleep: no news
    gate.set('awake', true);
    gate.set('signedIn', true); // already open: no news
    expect(seen).toEqual([false, true]);
  });

  it('stops telling a listener once it unsubscribes, and tells the others', () => {
    const gate = new ConditionGate({ signedIn: true });
    const first: boolean[] = [];
    const second: boolean[] = [];
    const off = gate.subscribe((open) => first.push(open));
    gate.subscribe((open) => second.push(open));
    gate.set('awake', false);
    off();
    gate.set('awake', true);
    expect(first).toEqual([false]);
    expect(second).toEqual([false, true]);
  });

  it('tells a listener subscribed while others are being told from the next change on', () => {
    const gate = new ConditionGate({ signedIn: true });
    const late: boolean[] = [];
    const off = gate.subscribe(() => {
      off();
      gate.subscribe((open) => late.push(open));
    });
    gate.set('online', false);
    expect(late).toEqual([]);
    gate.set('online', true);
    expect(late).toEqual([true]);
  });
});
