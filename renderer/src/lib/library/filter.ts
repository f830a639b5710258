/**
 * The library filter as main applies it (LibraryFilter in the contract), for the one case the
 * renderer decides alone: whether an item that arrives by event belongs in the list on screen.
 * Main stays the judge for the list itself (`library.list`).
 */
import type { LibraryFilter, LibraryItem } from '@contract';

export const normalise = (text: string): string => text.normalize('NFKC').toLowerCase();

export function matchesFilter(item: LibraryItem, filter: LibraryFilter): boolean {
  if (filter.modelId && item.modelId !== filter.modelId) return false;
  if (filter.catalog && item.catalog !== filter.catalog) return false;
  if (filter.from !== undefined && item.createdAt < filter.from) return false;
  if (filter.to !== undefined && item.createdAt > filter.to) return false;
  const query = filter.query ? normalise(filter.query.trim()) : '';
  if (!query) return true;
  return normalise(item.prompt).includes(query) || normalise(item.modelName).includes(query);
}

/** Only the fields that narrow anything: an empty search is no search. */
export function cleanFilter(filter: LibraryFilter): LibraryFilter {
  const clean: LibraryFilter = {};
  const query = filter.query?.trim();
  if (query) clean.query = query;
  if (filter.modelId) clean.modelId = filter.modelId;
  if (filter.catalog) clean.catalog = filter.catalog;
  if (filter.from !== undefined) clean.from = filter.from;
  if (filter.to !== undefined) clean.to = filter.to;
  return clean;
}

/** The date choices of the library's filter, as `from`/`to` bounds relative to `now`. */
export type DateRange = 'all' | 'today' | 'week' | 'month';
export const DATE_RANGES: readonly DateRange[] = ['all', 'today', 'week', 'month'];

export function dateBounds(range: DateRange, now: number): Pick<LibraryFilter, 'from' | 'to'> {
  if (range === 'all') return {};
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const days = range === 'today' ? 0 : range === 'week' ? 6 : 29;
  return { from: start.getTime() - days * 86_400_000 };
}
