import { describe, expect, it } from 'vitest';
import { insertionIndex, mergeSortedIds, sortedIds, type Ordered } from './order';

const item = (localId: string, createdAt: number): Ordered => ({ localId, createdAt });

describe('task order', () => {
  it('sorts newest first, same-time tasks by id', () => {
    expect(sortedIds([item('a', 1), item('c', 3), item('b', 3)])).toEqual(['b', 'c', 'a']);
  });

  it('finds the same place a full sort would give', () => {
    const all = [item('a', 10), item('b', 30), item('c', 20), item('d', 20)];
    const byId = new Map(all.map((entry) => [entry.localId, entry]));
    const ids = sortedIds(all);
    for (const fresh of [item('x', 40), item('y', 20), item('z', 5), item('b0', 30)]) {
      byId.set(fresh.localId, fresh);
      ids.splice(insertionIndex(ids, fresh, (id) => byId.get(id)), 0, fresh.localId);
      expect(ids).toEqual(sortedIds([...byId.values()]));
    }
  });

  it('merges two ordered lists into what one full sort would give, ties included', () => {
    const old = [item('a', 10), item('b', 30), item('c', 20), item('e', 20)];
    const fresh = [item('x', 40), item('d', 20), item('z', 5), item('b0', 30), item('f', 20)];
    const byId = new Map([...old, ...fresh].map((entry) => [entry.localId, entry]));
    const merged = mergeSortedIds(sortedIds(old), sortedIds(fresh), (id) => byId.get(id));
    expect(merged).toEqual(sortedIds([...old, ...fresh]));
    expect(mergeSortedIds([], sortedIds(fresh), (id) => byId.get(id))).toEqual(sortedIds(fresh));
  });
});
