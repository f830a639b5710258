/**
 * The stores of the signed-in screens, gathered in one module that events.ts imports lazily:
 * their code stays out of the sign-in chunk, and events.ts names one import instead of five.
 */
import type { Pinia } from 'pinia';
import { FOCUS_REFRESH_INTERVAL_MS, useBalanceStore } from './balance';
import { useCatalogStore } from './catalog';
import { useDownloadsStore } from './downloads';
import { useLibraryStore } from './library';
import { useNoticesStore } from './notices';
import { useOrdersStore } from './orders';
import { useSpendStore } from './spend';
import { useTasksStore } from './tasks';

export function signedInStores(pinia: Pinia) {
  const balance = useBalanceStore(pinia);
  const tasks = useTasksStore(pinia);
  const catalog = useCatalogStore(pinia);
  return {
    balance,
    orders: useOrdersStore(pinia),
    tasks,
    catalog,
    notices: useNoticesStore(pinia),
    spend: useSpendStore(pinia),
    downloads: useDownloadsStore(pinia),
    library: useLibraryStore(pinia),
    focusIntervalMs: FOCUS_REFRESH_INTERVAL_MS,
    /**
     * events.ts's reaction to a sign-in, kept here so its code stays out of the sign-in chunk:
     * read the balance, any recharge under way and the task ledger once (a push from before this
     * page existed is lost to it); after a switch of account, drop the previous one's tasks and
     * models first.
     */
    afterSignIn(switchedAccount: boolean): void {
      void balance.refresh();
      void balance.loadWatch();
      if (switchedAccount) {
        tasks.reset();
        catalog.reset();
      }
      void tasks.load();
    },
  };
}

export type SignedInStores = ReturnType<typeof signedInStores>;
