/**
 * Sending the studio's form (platform-api.md §10.3, §10.6): the balance check first (when money
 * is missing the user is told how much and offered a recharge instead of a submit), then one
 * `video.submit` or `video.submitBatch` under a form id. The id is chosen when the form is
 * shown, kept across retries of the same form (main sends one platform request per id, so a
 * double click, a timeout and a second try cannot pay twice), and renewed only once the platform
 * has answered: after a success, or a refusal that created nothing.
 */
import { ref, shallowRef, type Ref } from 'vue';
import type { BalanceCheck, BatchResult, CatalogId, Quote, TaskView } from '@contract';
import { api, isApiError } from '@/api';
import { useAction } from '@/composables/useAction';
import { translate } from '@/i18n';

export interface SubmissionContext {
  modelId: Ref<string | null>;
  catalog: Ref<CatalogId>;
  /** What the form sends (submissionValues). */
  values: () => Record<string, unknown>;
  quote: Ref<Quote | null>;
}

const newFormId = (): string => crypto.randomUUID();

export function useSubmission(context: SubmissionContext) {
  const formId = ref(newFormId());
  const shortfall = shallowRef<BalanceCheck | null>(null);
  const submitted = shallowRef<TaskView | null>(null);
  const batch = shallowRef<{ result: BatchResult; prompts: string[] } | null>(null);
  /** Prompts waiting for the batch confirmation. */
  const confirming = shallowRef<string[] | null>(null);
  const error = ref<string | null>(null);

  /** The platform answered "no": nothing was created, so the next try is a new submission. */
  function onError(failure: unknown): boolean {
    if (!isApiError(failure)) return false;
    if (failure.code === 'insufficient_balance') error.value = translate('studio.page.insufficient');
    else if (failure.code === 'refused') error.value = translate('studio.page.refused', { reason: failure.message });
    else return false; // a transport failure keeps the id: the request may have reached the platform
    formId.value = newFormId();
    return true;
  }

  /** True when the balance covers it; otherwise shows the shortfall. */
  async function balanceCovers(modelId: string, count?: number): Promise<boolean> {
    const quotedPrice = context.quote.value?.price;
    const check = await api.call('video.balanceCheck', { modelId, ...(quotedPrice === undefined ? {} : { quotedPrice }), ...(count ? { count } : {}) });
    shortfall.value = check.missing > 0 ? check : null;
    return check.missing <= 0;
  }

  function input(modelId: string) {
    const quotedPrice = context.quote.value?.price;
    return { modelId, catalog: context.catalog.value, values: context.values(), formId: formId.value, ...(quotedPrice === undefined ? {} : { quotedPrice }) };
  }

  const single = useAction(
    async () => {
      const modelId = context.modelId.value;
      if (!modelId || !(await balanceCovers(modelId))) return;
      batch.value = null;
      submitted.value = await api.call('video.submit', input(modelId));
      formId.value = newFormId();
    },
    { error, onError },
  );

  /** Checks the balance for the whole batch, then asks for the confirmation. */
  const prepareBatch = useAction(
    async (prompts: string[]) => {
      const modelId = context.modelId.value;
      if (!modelId || prompts.length === 0 || !(await balanceCovers(modelId, prompts.length))) return;
      confirming.value = prompts;
    },
    { error, onError },
  );

  const sendBatch = useAction(
    async () => {
      const modelId = context.modelId.value;
      const prompts = confirming.value;
      confirming.value = null;
      if (!modelId || !prompts) return;
      const { prompt: _each, ...shared } = context.values();
      const result = await api.call('video.submitBatch', { ...input(modelId), values: shared, prompts });
      submitted.value = null;
      batch.value = { result, prompts };
      formId.value = newFormId();
    },
    { error, onError },
  );

  /** Another model, another form: a new id. */
  function newForm(): void {
    formId.value = newFormId();
    shortfall.value = null;
    error.value = null;
  }

  return { formId, shortfall, submitted, batch, confirming, error, single, prepareBatch, sendBatch, newForm };
}
