/**
 * Navigation rules: first start goes to setup, signed-out users go to the login screen with
 * `redirect` = where they were, and signing out (expiry, elsewhere, or by hand) moves the user
 * to the login screen at once.
 */
import type { Pinia } from 'pinia';
import type { Router } from 'vue-router';
import { loadAllMessages } from '@/i18n';
import { useSessionStore } from '@/stores/session';
import { useSettingsStore } from '@/stores/settings';
import { safeRedirect } from './index';

export function installRouterGuards(router: Router, pinia: Pinia): () => void {
  const session = useSessionStore(pinia);
  const settings = useSettingsStore(pinia);

  const removeGuard = router.beforeEach(async (to) => {
    await Promise.all([settings.ensureLoaded(), session.ensureLoaded()]);
    if (settings.needsSetup && to.name !== 'setup' && to.name !== 'settings') return { name: 'setup' };
    if (to.name === 'login' && session.signedIn) return safeRedirect(to.query.redirect);
    if (!(to.meta.public || session.signedIn)) return { name: 'login', query: { redirect: to.fullPath } };
    // Screens with the app header use message areas the sign-in screen does not carry.
    if (!to.meta.bare) await loadAllMessages();
    return true;
  });

  const removeSignOut = session.onSignOut((reason) => {
    const current = router.currentRoute.value;
    if (reason === 'logout') {
      session.returnTo = null;
      void router.push({ name: 'login' });
      return;
    }
    // Expired or signed out elsewhere: remember the page so sign-in leads back to it.
    if (current.name === 'login' || current.meta.public) return;
    session.returnTo = current.fullPath;
    void router.push({ name: 'login', query: { redirect: current.fullPath } });
  });

  return () => {
    removeGuard();
    removeSignOut();
  };
}
