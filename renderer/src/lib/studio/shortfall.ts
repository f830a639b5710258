/**
 * The balance guard's refusal in words (platform-api.md §10.6). Each task reserves
 * max(min_balance, max_cost, quote), which can be far above the price shown; without saying
 * so, "needs ¥48.00" next to three ¥4.50 tasks reads as a contradiction.
 */
import type { BalanceCheck } from '@contract';
import { formatYuan, type Translate } from '@/lib/format';

export function describeShortfall(check: BalanceCheck, t: Translate): string {
  const each = formatYuan(check.each);
  const reason = t(`studio.page.shortfall.reason.${check.reserveReason}`, { each });
  // The price actually billed, when the reserve is something else and a quote is known.
  const charged =
    check.reserveReason !== 'quote' && check.quotedPrice !== undefined && check.quotedPrice < check.each
      ? t('studio.page.shortfall.charged', { price: formatYuan(check.quotedPrice, { precise: true }) })
      : '';
  const needed = formatYuan(check.needed);
  const total = check.count > 1 ? t('studio.page.shortfall.totalMany', { count: check.count, needed }) : t('studio.page.shortfall.totalOne', { needed });
  return t('studio.page.shortfall.sentence', { balance: formatYuan(check.balance), reason, charged, total, missing: formatYuan(check.missing) });
}
