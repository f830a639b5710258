/** Boots the renderer: pinia, the one event subscription, i18n, the hash router with its guards, then the shell. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { installEvents } from './events';
import { i18n, loadAllMessages } from './i18n';
import { createAppRouter } from './router';
import { installRouterGuards } from './router/guards';

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();

app.use(pinia);
installEvents(pinia);
app.use(i18n);
installRouterGuards(router, pinia);
app.use(router);
app.mount('#app');
// The rest of the messages, fetched while the user types the phone number (the router awaits
// them anyway before the first screen that needs them). A failure is retried on navigation.
void router.isReady().then(() => loadAllMessages().catch(() => undefined));
