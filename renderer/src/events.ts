/**
 * The renderer's one subscription to main's events, installed once at start-up (main.ts; the
 * test mount does the same). Every event is a full snapshot: it is handed to the store that
 * mirrors it, and no store reads again what an event just told it. Reactions that cross stores
 * live here too, so no component and no store has to own a subscription:
 *
 * - a user signs in (or the window opens signed in): read the balance and any recharge under way
 *   once (a push that came before this page existed is lost to it);
 * - a recharge is confirmed: reload the orders page if one is shown (the balance arrives as its
 *   own `balance.changed`: main read it to confirm the payment);
 * - the window comes back into view: read the balance, at most once per 10 s;
 * - another account signs in: the previous one's tasks and models are forgotten, and the task
 *   list is read once (the header shows how many run).
 *
 * The balance, orders, tasks, catalog and notices stores belong to signed-in screens and stay out of the sign-in chunk:
 * work for them waits for their code, in arrival order, and runs at once when it is loaded.
 */
import { effectScope, shallowRef, watch } from 'vue';
import type { Pinia } from 'pinia';
import type { AppEvent, EventName, Events, UpdatesSnapshot } from '@contract';
import { api } from '@/api';
import { useSessionStore } from '@/stores/session';
import { useSettingsStore } from '@/stores/settings';

type SignedInStores = import('@/stores/signedIn').SignedInStores;
type Handlers = { [K in EventName]: (payload: Events[K]) => void };

const installed = new WeakMap<Pinia, () => void>();

/**
 * The last `updates.changed`. The updates store belongs to the settings screen and watches
 * this; importing the store here (even lazily) would grow the sign-in chunk, a ref does not.
 */
export const updatesFeed = shallowRef<UpdatesSnapshot | null>(null);

/**
 * Subscribes once per pinia and returns the uninstall. Installing again with the same pinia
 * returns the first uninstall and opens nothing new. Without a host bridge nothing is
 * subscribed (the settings store reports that problem on the screen).
 */
export function installEvents(pinia: Pinia): () => void {
  const existing = installed.get(pinia);
  if (existing) return existing;

  const session = useSessionStore(pinia);
  const settings = useSettingsStore(pinia);
  const scope = effectScope(true);
  const signedIn = signedInStores(pinia, (stores) => scope.run(() => watchConfirmedRecharge(stores)));

  const handlers: Handlers = {
    'session.changed': (state) => session.applyState(state),
    'session.expired': (payload) => session.applyExpired(payload),
    'settings.changed': (next) => settings.applySettings(next),
    'balance.changed': (next) => signedIn(({ balance }) => balance.applyBalance(next)),
    'recharge.changed': (next) => signedIn(({ balance }) => balance.applyWatch(next)),
    'task.changed': (task) => signedIn(({ tasks }) => tasks.receive(task)),
    'app.notice': (notice) => signedIn(({ notices }) => notices.push(notice)),
    'orders.history.progress': (progress) => signedIn(({ spend }) => spend.applyProgress(progress)),
    'download.changed': (view) => signedIn(({ downloads }) => downloads.apply(view)),
    'library.changed': (item) => signedIn(({ library }) => library.apply(item)),
    // Loaded on demand: the updates store belongs to the settings screen, not the sign-in chunk.
    'updates.changed': (next) => void (updatesFeed.value = next),
  };

  let unsubscribe = (): void => undefined;
  try {
    unsubscribe = api.onEvent((message) => dispatch(handlers, message));
  } catch {
    // Opened outside its host: there is nothing to listen to.
  }

  let lastUser: string | null = null;
  scope.run(() => {
    watch(
      () => (session.user ? `${session.user.id}|${session.user.username}` : null),
      (who) => {
        if (!who) return;
        // Only another account's tasks and models are dropped: a screen may already show ours.
        const switched = lastUser !== null && lastUser !== who;
        lastUser = who;
        signedIn((stores) => stores.afterSignIn(switched));
      },
      { immediate: true },
    );
  });

  const onBackInView = (): void => {
    if (!session.user || document.visibilityState === 'hidden') return;
    signedIn(({ balance, focusIntervalMs }) => void balance.refreshThrottled(focusIntervalMs));
  };
  window.addEventListener('focus', onBackInView);
  document.addEventListener('visibilitychange', onBackInView);

  const uninstall = (): void => {
    unsubscribe();
    scope.stop();
    window.removeEventListener('focus', onBackInView);
    document.removeEventListener('visibilitychange', onBackInView);
    installed.delete(pinia);
  };
  installed.set(pinia, uninstall);
  return uninstall;
}

function dispatch(handlers: Handlers, message: AppEvent): void {
  // A newer main may publish events this renderer does not know: ignore them.
  const handler = handlers[message.event] as ((payload: unknown) => void) | undefined;
  handler?.(message.payload);
}

/** §7.5: after a recharge, the orders page shows fresh rows, however the watch learnt of it. */
function watchConfirmedRecharge({ balance, orders }: SignedInStores): void {
  watch(
    () => [balance.watch?.id, balance.watch?.state] as const,
    ([id, state], [previousId, previousState]) => {
      if (state === 'confirmed' && (id !== previousId || previousState !== 'confirmed')) void orders.reloadIfLoaded();
    },
  );
}

/**
 * Runs work against the signed-in screens' stores: at once when their code is loaded, else
 * after it loads, in the order asked. `onFirstLoad` runs once, before any work.
 */
function signedInStores(pinia: Pinia, onFirstLoad: (stores: SignedInStores) => void): (work: (stores: SignedInStores) => void) => void {
  let stores: SignedInStores | null = null;
  let pending: Promise<void> | null = null;
  return (work) => {
    if (stores && !pending) {
      work(stores);
      return;
    }
    pending = (pending ?? load()).then(() => {
      if (stores) work(stores);
    });
    const mine = pending;
    void mine.finally(() => {
      if (pending === mine) pending = null;
    });
  };

  async function load(): Promise<void> {
    if (stores) return;
    try {
      stores = (await import('@/stores/signedIn')).signedInStores(pinia);
      onFirstLoad(stores);
    } catch {
      // The chunk failed to load (the app is being replaced): screens report their own errors.
    }
  }
}
