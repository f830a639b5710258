/**
 * The task list's order, kept incrementally: newest first by creation time, then by localId so
 * two tasks created in the same millisecond keep one stable order. With 10 000 tasks an event
 * costs one binary search and one splice, never a sort of the whole list.
 */
export interface Ordered {
  localId: string;
  createdAt: number;
}

/** True when `a` comes before `b` in the list. */
export function before(a: Ordered, b: Ordered): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.localId < b.localId;
}

/** Where `item` belongs in `ids` (already in order); `lookup` finds each id's task. */
export function insertionIndex(ids: readonly string[], item: Ordered, lookup: (id: string) => Ordered | undefined): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const other = lookup(ids[middle]);
    if (other && before(other, item)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Sorts a whole list once (the first load). */
export function sortedIds(items: readonly Ordered[]): string[] {
  return [...items].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).map((item) => item.localId);
}

/** Two lists already in order merged into one (a batch of new rows into the list, in one pass). */
export function mergeSortedIds(a: readonly string[], b: readonly string[], lookup: (id: string) => Ordered | undefined): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = lookup(a[i]);
    const y = lookup(b[j]);
    if (x && y && before(y, x)) out.push(b[j++]);
    else out.push(a[i++]);
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
