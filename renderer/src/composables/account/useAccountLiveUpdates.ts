/**
 * Keeps the account store current while the component that calls this is mounted (the header):
 * main's `balance.changed` and `recharge.changed` events, a read on sign-in, and a read when the
 * window comes back into view (focus or visibility), at most once per 10 s.
 */
import { onBeforeUnmount, onMounted, watch } from 'vue';
import { api } from '@/api';
import { FOCUS_REFRESH_INTERVAL_MS, useBalanceStore } from '@/stores/balance';
import { useSessionStore } from '@/stores/session';

export function useAccountLiveUpdates(): void {
  const balanceStore = useBalanceStore();
  const session = useSessionStore();
  let unsubscribe: (() => void)[] = [];

  function onFocus(): void {
    if (!session.user) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    void balanceStore.refreshThrottled(FOCUS_REFRESH_INTERVAL_MS);
  }

  // On sign-in (and when mounted while signed in): the balance and any recharge under way.
  watch(
    () => (session.user ? `${session.user.id}|${session.user.username}` : null),
    (who) => {
      if (!who) return;
      void balanceStore.refresh();
      void balanceStore.loadWatch();
    },
    { immediate: true },
  );

  onMounted(() => {
    try {
      unsubscribe = [
        api.on('balance.changed', (balance) => balanceStore.applyBalance(balance)),
        api.on('recharge.changed', (watch) => balanceStore.applyWatch(watch)),
      ];
    } catch {
      // No bridge (opened outside its host): nothing to listen to; calls report the problem.
    }
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
  });

  onBeforeUnmount(() => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onFocus);
  });
}
