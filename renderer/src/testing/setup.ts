/**
 * Component tests mount screens directly, without the router guard that loads the later
 * message areas: load them all once before any test, as the app has them by then.
 */
import { loadAllMessages } from '@/i18n';

await loadAllMessages();
