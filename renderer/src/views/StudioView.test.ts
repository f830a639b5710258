import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { BatchResult, Quote, Result, TaskView } from '@contract';
import StudioView from './StudioView.vue';
import { fakeUser, installFakeBridge, mountWithProviders, ok, type FakeHandlers } from '@/api/testing/fake-bridge';
import { useBalanceStore } from '@/stores/balance';
import { byId, click } from '@/testing/dom';
import { fieldOf } from '@/testing/studio-fields';
import { control } from '@/testing/studio-form';
import { typeInto } from '@/testing/typing';
import { fakeModel, fakeTask, quoteOf, studioHandlers } from '@/testing/video';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

async function mountStudio(handlers: FakeHandlers = {}, models = { t2v: [fakeModel()] }) {
  const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }), ...studioHandlers(models), ...handlers });
  const mounted = await mountWithProviders(StudioView, { path: '/studio' });
  await vi.waitFor(() => expect(control('prompt')).not.toBeNull(), { timeout: 4000 });
  return { bridge, ...mounted };
}

const prompt = () => control('prompt')?.querySelector('textarea');
const text = (id: string) => byId(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('StudioView', () => {
  it('shows the models of the chosen type, and says so when a type has none', async () => {
    await mountStudio({}, { t2v: [fakeModel(), fakeModel({ id: 'kling', name: 'Kling 2', description: '' })] });
    expect(byId('studio-model-vidu-q1-t2v')?.getAttribute('aria-checked')).toBe('true');
    expect(byId('studio-model-kling')?.textContent).toContain('Kling 2');
    await click('studio-tab-r2v');
    await vi.waitFor(() => expect(byId('studio-models-empty')).not.toBeNull());
    expect(text('studio-models-empty')).toContain('没有可用的模型');
    expect(byId('studio-submit')).toBeNull();
  });

  it('shows only the newest quote, never an older answer that arrives late', async () => {
    const answers: { resolve: (value: Result<Quote>) => void }[] = [];
    await mountStudio({ 'video.quote': () => new Promise<Result<Quote>>((resolve) => answers.push({ resolve })) });
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 2000 });
    await typeInto(prompt(), '白鹭');
    await vi.waitFor(() => expect(answers).toHaveLength(2), { timeout: 2000 });
    answers[1].resolve(ok(quoteOf(3)));
    answers[0].resolve(ok(quoteOf(9.9)));
    await flushPromises();
    expect(text('studio-quote')).toContain('¥3.00');
    expect(text('studio-quote')).not.toContain('9.9');
  });

  it('checks the balance first: says what is missing and offers a recharge instead of submitting', async () => {
    const { bridge, pinia } = await mountStudio({ 'video.balanceCheck': () => ok({ balance: 1, needed: 3, each: 3, reserveReason: 'quote', count: 1, heldByRunning: 2.5, missing: 4.5 }) });
    await typeInto(prompt(), '白鹭');
    await click('studio-submit');
    await vi.waitFor(() => expect(byId('studio-shortfall')).not.toBeNull());
    expect(text('studio-shortfall')).toContain('还差 ¥4.50');
    expect(text('studio-shortfall')).toContain('¥2.50');
    expect(bridge.callsTo('video.submit')).toHaveLength(0);
    await click('studio-recharge');
    expect(useBalanceStore(pinia).dialogOpen).toBe(true);
  });

  it('sends one request for a double click, links to the task, and uses a new form id next time', async () => {
    const answer = deferred<Result<TaskView>>();
    const { bridge } = await mountStudio({ 'video.submit': () => answer.promise });
    await typeInto(prompt(), '白鹭');
    byId('studio-submit')?.click();
    byId('studio-submit')?.click();
    await flushPromises();
    await vi.waitFor(() => expect(bridge.callsTo('video.submit')).toHaveLength(1));
    byId('studio-submit')?.click();
    await flushPromises();
    expect(bridge.callsTo('video.submit')).toHaveLength(1);
    answer.resolve(ok(fakeTask({ localId: 'L1', prompt: '白鹭' })));
    await vi.waitFor(() => expect(byId('studio-open-task')).not.toBeNull());
    expect(byId('studio-open-task')?.getAttribute('href')).toContain('/tasks?focus=L1');
    expect(byId('studio-open-task')?.classList.contains('n-button--primary-type')).toBe(true);
    expect(text('studio-no-cancel')).toContain('无法取消');

    bridge.handle({ 'video.submit': () => ok(fakeTask({ localId: 'L2' })) });
    await click('studio-submit');
    await vi.waitFor(() => expect(bridge.callsTo('video.submit')).toHaveLength(2));
    const [first, second] = bridge.callsTo('video.submit');
    expect(first.formId).not.toBe(second.formId);
    expect(first.values.prompt).toBe('白鹭');
  });

  it('words a refusal plainly and keeps nothing busy', async () => {
    await mountStudio({ 'video.submit': () => ({ ok: false, error: { code: 'insufficient_balance', message: '账户余额不够' } }) });
    await typeInto(prompt(), '白鹭');
    await click('studio-submit');
    await vi.waitFor(() => expect(byId('studio-error')).not.toBeNull());
    expect(text('studio-error')).toContain('正在运行的任务');
  });

  it('confirms a batch with the count and the total, then reports the lines not sent', async () => {
    const result: BatchResult = { submitted: [fakeTask(), fakeTask()], notSent: [2], refusal: { code: 'refused', message: 'ERROR: 内容审核未通过' } };
    const { bridge } = await mountStudio({ 'video.submitBatch': () => ok(result) });
    await vi.waitFor(() => expect(text('studio-quote')).toContain('¥2.50'), { timeout: 2000 });
    await click('studio-mode-batch');
    await typeInto(document.querySelector<HTMLTextAreaElement>('#studio-batch-prompts'), '白鹭\n\n海浪\n 雪山 ');
    await click('studio-submit');
    await vi.waitFor(() => expect(byId('studio-batch-confirm-body')).not.toBeNull(), { timeout: 3000 });
    expect(text('studio-batch-confirm-body')).toContain('3 个任务');
    expect(text('studio-batch-confirm-body')).toContain('¥7.50');
    expect(bridge.callsTo('video.submitBatch')).toHaveLength(0);
    expect(bridge.callsTo('video.balanceCheck').at(-1)).toMatchObject({ count: 3 });
    await click('studio-batch-confirm');
    await vi.waitFor(() => expect(byId('studio-batch-not-sent')).not.toBeNull());
    expect(bridge.callsTo('video.submitBatch')[0].prompts).toEqual(['白鹭', '海浪', '雪山']);
    expect(text('studio-batch-not-sent')).toContain('第 3 行：雪山');
    expect(text('studio-batch-result')).toContain('内容审核未通过');
  });

  it('holds each batch line to the model\'s prompt maxlength, not only Vidu\'s 1500', async () => {
    const fields = [fieldOf('prompt', 'str', { required: true, maxLength: 8 })];
    const { bridge } = await mountStudio({}, { t2v: [fakeModel({ fields })] });
    await click('studio-mode-batch');
    await typeInto(document.querySelector<HTMLTextAreaElement>('#studio-batch-prompts'), '白鹭\n九个字的一个新标题');
    await click('studio-submit');
    await vi.waitFor(() => expect(document.querySelector('.problem[role="alert"]')?.textContent).toBe('第 2 行超过 8 个字符'));
    expect(byId('studio-batch-confirm-body')).toBeNull();
    expect(bridge.callsTo('video.submitBatch')).toHaveLength(0);
  });
});
