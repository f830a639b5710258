/**
 * Shared test fixtures for the lib/ helpers: a real vue-i18n translator over the app's own
 * messages (so tests catch a missing key), and a platform order row with sensible defaults.
 */
import { createI18n } from 'vue-i18n';
import type { OrderRow } from '@contract';
import en from '@/i18n/messages/en/account';
import enSpend from '@/i18n/messages/en/spend';
import enTasks from '@/i18n/messages/en/tasks';
import zh from '@/i18n/messages/zh-CN/account';
import zhSpend from '@/i18n/messages/zh-CN/spend';
import zhTasks from '@/i18n/messages/zh-CN/tasks';
import type { Translate } from '@/lib/format';

export function translator(locale: 'zh-CN' | 'en'): Translate {
  // The order rows use the tasks screen's billing words and the spend area's: all three areas.
  const messages = { 'zh-CN': { ...zh, ...zhTasks, ...zhSpend }, en: { ...en, ...enTasks, ...enSpend } };
  const i18n = createI18n({ legacy: false, locale, messages });
  return (key, named) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
}

export function fakeOrderRow(overrides: Partial<OrderRow> = {}): OrderRow {
  return {
    llmid: 'm1',
    name: 'Vidu Q3 文生视频',
    model: 'viduq3-pro',
    useDate: '2026-06-12',
    useTime: '2026-06-12 10:31:07',
    usage: { duration: 5, SR: 1080 },
    amount: 4.5,
    userid: 'u1',
    status: 'SUCCEEDED',
    accountingStatus: 'accounted',
    ...overrides,
  };
}
