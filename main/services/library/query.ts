/**
 * library.list: filter and order. Newest first by creation time (then download time, then id,
 * so the order is total and stable). A query matches when every word of it occurs in the prompt
 * or the model name, after the same folding (NFKC, lower case) on both sides.
 */
import type { LibraryFilter, LibraryItem } from '../../../preload/contract/models/library';
import { foldForSearch, type LibraryEntry } from './entry';

export function newestFirst(a: LibraryEntry, b: LibraryEntry): number {
  return b.item.createdAt - a.item.createdAt || b.item.downloadedAt - a.item.downloadedAt || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0);
}

export function filterEntries(sorted: readonly LibraryEntry[], filter: LibraryFilter = {}): LibraryItem[] {
  const words = foldForSearch(filter.query ?? '').split(/\s+/).filter((w) => w !== '');
  const { modelId, catalog, from, to } = filter;
  const out: LibraryItem[] = [];
  for (const entry of sorted) {
    const item = entry.item;
    if (modelId !== undefined && item.modelId !== modelId) continue;
    if (catalog !== undefined && item.catalog !== catalog) continue;
    if (from !== undefined && item.createdAt < from) continue;
    if (to !== undefined && item.createdAt > to) continue;
    if (words.length > 0 && !words.every((word) => entry.haystack.includes(word))) continue;
    out.push(item);
  }
  return out;
}
