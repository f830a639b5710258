/** Typing into a textarea or input the way a user does (Naive listens to `input`). */
import { flushPromises } from '@vue/test-utils';

export async function typeInto(element: HTMLInputElement | HTMLTextAreaElement | null | undefined, text: string): Promise<void> {
  if (!element) throw new Error('nothing to type into');
  element.value = text;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  await flushPromises();
}
