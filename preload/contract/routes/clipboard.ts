import type { Route } from './route';

export interface ClipboardRoutes {
  /**
   * Puts a secret on the clipboard and takes it off again after 60 s if it is still there.
   * `handled: false` where main has no clipboard (the browser host): the renderer copies itself.
   */
  'clipboard.copySecret': Route<{ text: string }, { handled: boolean; clearsAt?: number }>;
}
