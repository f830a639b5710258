/**
 * When a signed result URL stops working (platform-api.md §10.8): `Expires=<epoch seconds>` in the
 * query when present, else one hour after the URL was seen (the shortest lifetime ever documented).
 */
export const DEFAULT_LINK_LIFETIME_MS = 60 * 60 * 1000;

export function linkExpiry(url: string, seenAt: number): number {
  let value: string | null = null;
  try {
    value = new URL(url).searchParams.get('Expires');
  } catch {
    /* not a URL: assume the default lifetime */
  }
  if (value !== null && /^\d{9,11}$/.test(value)) return Number(value) * 1000;
  return seenAt + DEFAULT_LINK_LIFETIME_MS;
}
