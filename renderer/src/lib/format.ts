/**
 * Pure display helpers of the account screens: money, usage in words, status words, masking.
 * Words come from the `account.*` messages through the `t` the caller passes in, so the same
 * helpers serve both languages and the tests.
 */

/** The slice of vue-i18n's `t` these helpers need. */
export type Translate = (key: string, named?: Record<string, unknown>) => string;

const yuanFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const preciseFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** "¥1,234.50"; "—" when the figure is unknown. */
export function formatYuan(value: number | null | undefined, options: { precise?: boolean } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const digits = (options.precise ? preciseFormat : yuanFormat).format(Math.abs(value));
  return `${value < 0 ? '-' : ''}¥${digits}`;
}

/** §3.7: a null balance counts as 0 in comparisons; no balance read yet is never "low". */
export function isLowBalance(total: number | null | undefined, threshold: number, loaded = true): boolean {
  if (!loaded || !Number.isFinite(threshold)) return false;
  return (total ?? 0) < threshold;
}

/** A resolution as the platform's users say it: 1080 → "1080p", "720p" stays. */
function resolutionWord(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}p`;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return `${value.trim()}p`;
  return plainValue(value);
}

function plainValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The billed quantities of an order in words: `{duration: 5, SR: 1080}` → "5 秒 · 1080p".
 * Known keys first in a fixed order; keys we do not know are shown as `k=v`, never dropped.
 */
export function usageInWords(usage: Record<string, unknown> | null | undefined, t: Translate): string {
  if (!usage) return '—';
  const parts: string[] = [];
  const known = new Set<string>();
  if ('duration' in usage) {
    known.add('duration');
    const seconds = usage.duration;
    parts.push(typeof seconds === 'number' || typeof seconds === 'string' ? t('account.usage.seconds', { n: seconds }) : `duration=${plainValue(seconds)}`);
  }
  // SR and resolution usually say the same thing; show one of them.
  for (const key of ['SR', 'resolution']) {
    if (!(key in usage)) continue;
    known.add(key);
    const word = resolutionWord(usage[key]);
    if (!parts.includes(word)) parts.push(word);
  }
  for (const [key, value] of Object.entries(usage)) {
    if (!known.has(key)) parts.push(`${key}=${plainValue(value)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : '—';
}

export type StatusKind = 'succeeded' | 'failed' | 'unknown' | 'running';

/** Task status: the three terminal words, everything else is still in progress (§4.3). */
export function statusKind(status: string): StatusKind {
  switch (status.trim().toUpperCase()) {
    case 'SUCCEEDED':
      return 'succeeded';
    case 'FAILED':
      return 'failed';
    case 'UNKNOWN':
      return 'unknown';
    default:
      return 'running';
  }
}

export function statusWord(status: string, t: Translate): string {
  return t(`account.status.${statusKind(status)}`);
}

/** Accounting status: created 待结算, accounted 已结算, failed 结算失败; other words as sent. */
export function accountingWord(accountingStatus: string, t: Translate): string {
  const value = accountingStatus.trim().toLowerCase();
  if (value === 'created' || value === 'accounted' || value === 'failed') return t(`account.accounting.${value}`);
  return accountingStatus.trim() || '—';
}

/** Not billed yet: no amount, or the accounting row is still `created`. */
export function isAmountPending(amount: number | null, accountingStatus: string): boolean {
  return amount === null || accountingStatus.trim().toLowerCase() === 'created';
}

export function orderAmountText(amount: number | null, accountingStatus: string, t: Translate): string {
  return isAmountPending(amount, accountingStatus) ? t('account.orders.pending') : formatYuan(amount);
}

const MASK = '••••••••';

/**
 * `ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3` → `ak_9Q2m••••••••Hb3`: enough to tell keys apart, too little
 * to use one. Short values are masked entirely.
 */
export function maskSecret(value: string): string {
  if (value === '') return '';
  if (value.length >= 20) return `${value.slice(0, 7)}${MASK}${value.slice(-3)}`;
  if (value.length >= 12) return `${value.slice(0, 4)}${MASK}${value.slice(-2)}`;
  return MASK;
}

/** "03:07" for 187 s; hours when needed. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Local wall-clock "HH:MM" of an epoch time. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** Local "YYYY-MM-DD HH:MM" of an epoch time (the library's dates). */
export function formatDateTime(epochMs: number): string {
  const date = new Date(epochMs);
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `${day} ${formatClock(epochMs)}`;
}
