/**
 * The balance and the recharge in progress, as main reports them. Main owns both (it polls the
 * balance while a payment is awaited and publishes `balance.changed` / `recharge.changed`, which
 * events.ts feeds in here); this store mirrors them, and remembers whether the recharge dialog is open so any screen can
 * open the one dialog the header hosts. Cleared when another user signs in or on sign-out.
 */
import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import type { Balance, RechargeWatch } from '@contract';
import { LOW_BALANCE_DEFAULT } from '@contract/limits';
import { api } from '@/api';
import { isLowBalance } from '@/lib/format';
import { useSessionStore } from './session';
import { useSettingsStore } from './settings';

/** Focus and visibility refreshes at most this often. */
export const FOCUS_REFRESH_INTERVAL_MS = 10_000;

const ACTIVE_STATES: ReadonlySet<RechargeWatch['state']> = new Set(['opening', 'waiting']);
const FINISHED_STATES: ReadonlySet<RechargeWatch['state']> = new Set(['confirmed', 'timeout', 'cancelled', 'failed']);

export function isWatchActive(watch: RechargeWatch | null | undefined): boolean {
  return !!watch && ACTIVE_STATES.has(watch.state);
}

export const useBalanceStore = defineStore('balance', () => {
  const balance = ref<Balance | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const watch = ref<RechargeWatch | null>(null);
  /** A finished watch whose outcome the user has not seen yet (the dialog shows it once). */
  const unseenOutcome = ref(false);
  const dialogOpen = ref(false);

  const total = computed(() => balance.value?.total ?? null);
  const waiting = computed(() => isWatchActive(watch.value));
  /** The user's low-balance threshold (the header and the overview card warn under it). */
  const threshold = computed(() => useSettingsStore().settings?.lowBalanceThreshold ?? LOW_BALANCE_DEFAULT);
  const low = computed(() => isLowBalance(total.value, threshold.value, balance.value !== null));

  let inFlight: Promise<Balance | null> | null = null;
  let lastRefreshAt = 0;
  /** Bumped by reset(): answers that belong to the previous user are dropped. */
  let epoch = 0;

  function applyBalance(next: Balance): void {
    balance.value = next;
    error.value = null;
  }

  /** Reads the balance now; concurrent callers share one request. Errors stay in `error`. */
  function refresh(): Promise<Balance | null> {
    if (inFlight) return inFlight;
    const started = epoch;
    lastRefreshAt = Date.now();
    loading.value = true;
    const request = (async () => {
      try {
        const next = await api.call('account.balance');
        if (started === epoch) applyBalance(next);
        return next;
      } catch (failure) {
        if (started === epoch) error.value = failure;
        return null;
      } finally {
        if (started === epoch) loading.value = false;
      }
    })();
    inFlight = request;
    const clear = () => {
      if (inFlight === request) inFlight = null;
    };
    void request.then(clear);
    return request;
  }

  /** For focus/visibility: skipped when the last read is younger than `intervalMs`. */
  function refreshThrottled(intervalMs = FOCUS_REFRESH_INTERVAL_MS): Promise<Balance | null> | null {
    if (Date.now() - lastRefreshAt < intervalMs) return null;
    return refresh();
  }

  function applyWatch(next: RechargeWatch | null): void {
    const previous = watch.value;
    watch.value = next;
    if (!next) return;
    const changed = !previous || previous.id !== next.id || previous.state !== next.state;
    // A watch first seen already finished (e.g. main cancelling the previous user's) is old news.
    const seenBefore = !!previous && previous.id === next.id;
    if (changed && seenBefore && FINISHED_STATES.has(next.state)) unseenOutcome.value = true;
    // No balance read here on `confirmed`: main read it to confirm and published balance.changed.
    // Reloading the orders is a reaction across stores: events.ts does it.
  }

  /** What main knows about a recharge started earlier (e.g. before a reload of the window). */
  async function loadWatch(): Promise<void> {
    const started = epoch;
    try {
      const current = await api.call('account.rechargeWatch');
      // A watch that finished before we looked is old news: nothing to announce.
      if (started === epoch && !watch.value) watch.value = current;
    } catch {
      // Not fatal: `recharge.changed` events still arrive.
    }
  }

  /** Creates the payment order and opens it in the browser. Throws ApiError (e.g. url_refused). */
  async function recharge(amount: number): Promise<RechargeWatch> {
    unseenOutcome.value = false;
    const next = await api.call('account.recharge', { amount });
    applyWatch(next);
    return next;
  }

  /** "I have paid": main reads the balance now. */
  async function check(): Promise<RechargeWatch | null> {
    const next = await api.call('account.rechargeCheck');
    if (next) applyWatch(next);
    return next;
  }

  async function cancel(): Promise<void> {
    await api.call('account.rechargeCancel');
    if (watch.value && ACTIVE_STATES.has(watch.value.state)) applyWatch({ ...watch.value, state: 'cancelled' });
  }

  function openDialog(): void {
    dialogOpen.value = true;
  }

  /** Closing never stops a wait; it only marks a finished outcome as seen. */
  function closeDialog(): void {
    dialogOpen.value = false;
    if (!waiting.value) unseenOutcome.value = false;
  }

  function markOutcomeSeen(): void {
    unseenOutcome.value = false;
  }

  function reset(): void {
    epoch += 1;
    inFlight = null;
    lastRefreshAt = 0;
    balance.value = null;
    loading.value = false;
    error.value = null;
    watch.value = null;
    unseenOutcome.value = false;
    dialogOpen.value = false;
  }

  useSessionStore().onUserSwitch(() => reset());

  return {
    balance,
    loading,
    error,
    watch,
    unseenOutcome,
    dialogOpen,
    total,
    waiting,
    threshold,
    low,
    refresh,
    refreshThrottled,
    applyBalance,
    applyWatch,
    loadWatch,
    recharge,
    check,
    cancel,
    openDialog,
    closeDialog,
    markOutcomeSeen,
    reset,
  };
});
