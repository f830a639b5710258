/**
 * Plain http to another machine, asked at the moment it matters. A packaged build's main refuses
 * an unconfirmed `http://` address with `insecure_server` (before anything is sent); `guarded`
 * catches that refusal, opens the confirmation dialog for the address, and — once the user
 * confirms — tells main to remember it and runs the work again. Cancelling leaves the refusal
 * as the error. Unpackaged builds never refuse, so they never ask.
 */
import { ref } from 'vue';
import { api, isApiError } from '@/api';

/** `http://host:port` as main remembers it (scheme + host + port); null when the URL is not plain http. */
export function plainHttpOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' ? `http://${parsed.hostname}:${parsed.port || '80'}` : null;
  } catch {
    return null;
  }
}

export function usePlainHttpConfirm() {
  /** The address the dialog asks about; null while it is closed. */
  const origin = ref<string | null>(null);
  let answer: ((confirmed: boolean) => void) | null = null;

  function ask(address: string): Promise<boolean> {
    answer?.(false);
    origin.value = address;
    return new Promise((resolve) => {
      answer = resolve;
    });
  }

  function reply(confirmed: boolean): void {
    origin.value = null;
    const resolve = answer;
    answer = null;
    resolve?.(confirmed);
  }

  async function guarded<T>(url: string | null, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const address = url ? plainHttpOrigin(url) : null;
      if (!isApiError(error) || error.code !== 'insecure_server' || !url || !address) throw error;
      if (!(await ask(address))) throw error;
      await api.call('settings.confirmPlainHttp', { url });
      return work();
    }
  }

  return { origin, ask, guarded, confirm: () => reply(true), cancel: () => reply(false) };
}
