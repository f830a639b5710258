/**
 * DOM helpers for component tests. Naive UI teleports dialogs and popovers to <body>, so they
 * look elements up in the whole document, by `data-testid`.
 */
import { flushPromises } from '@vue/test-utils';

export const byId = (id: string): HTMLElement | null => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Clicks the element with that test id (failing loudly when it is absent) and lets Vue settle. */
export async function click(id: string): Promise<void> {
  const element = byId(id);
  if (!element) throw new Error(`no element ${id}`);
  element.click();
  await flushPromises();
}
