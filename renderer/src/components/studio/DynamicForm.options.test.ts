import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { byId, click } from '@/testing/dom';
import type { FieldDescriptor, FieldOption } from '@/lib/studio/fields';
import { fieldOf, optionsOf } from '@/testing/studio-fields';
import { control, errorOf, mountForm } from '@/testing/studio-form';

enableAutoUnmount(afterEach);

/** A loadOptions whose answers the test releases one by one. */
function deferredLoader() {
  const pending: { resolve: (options: FieldOption[]) => void; reject: (error: unknown) => void }[] = [];
  const loadOptions = vi.fn((_field: FieldDescriptor) => new Promise<FieldOption[]>((resolve, reject) => pending.push({ resolve, reject })));
  return { loadOptions, pending };
}

const styleField = fieldOf('style', 'code', { dataUrl: '/llmage/styles.dspy', required: true });

describe('DynamicForm options from a dataurl', () => {
  it('loads them through the parent\'s callback, saying so while it waits', async () => {
    const { loadOptions, pending } = deferredLoader();
    await mountForm([styleField], { loadOptions, values: { style: 'film' } });
    expect(loadOptions).toHaveBeenCalledWith(expect.objectContaining({ name: 'style', dataUrl: '/llmage/styles.dspy' }));
    expect(byId('studio-control-style-loading')?.textContent).toBe('正在加载选项…');
    pending[0].resolve(optionsOf('anime', 'film'));
    await flushPromises();
    expect(byId('studio-control-style-loading')).toBeNull();
    expect(control('style')?.textContent).toContain('label film');
  });

  it('replaces a remembered choice the loaded options no longer hold by the default', async () => {
    const { loadOptions, pending } = deferredLoader();
    const form = await mountForm([{ ...styleField, defaultValue: 'film' }], { loadOptions, values: { style: 'retired' } });
    pending[0].resolve(optionsOf('anime', 'film'));
    await flushPromises();
    expect(form.values.value.style).toBe('film');
    expect(form.validate()).toBe(true);
  });

  it('empties it when there is no valid default, so validation asks for a choice', async () => {
    const { loadOptions, pending } = deferredLoader();
    const form = await mountForm([styleField], { loadOptions, values: { style: 'retired' } });
    pending[0].resolve(optionsOf('anime', 'film'));
    await flushPromises();
    expect(form.values.value.style).toBeNull();
    expect(form.validate()).toBe(false);
    await nextTick();
    expect(errorOf('style')).toBe('此项必填');
  });

  it('shows a failure with a retry that asks again', async () => {
    const { loadOptions, pending } = deferredLoader();
    await mountForm([styleField], { loadOptions, values: { style: 'film' } });
    pending[0].reject(new Error('HTTP 502'));
    await flushPromises();
    expect(byId('studio-control-style-options-error')?.textContent).toContain('选项加载失败：应用内部错误（HTTP 502）');

    await click('studio-control-style-retry');
    expect(loadOptions).toHaveBeenCalledTimes(2);
    pending[1].resolve(optionsOf('film'));
    await flushPromises();
    expect(byId('studio-control-style-options-error')).toBeNull();
    expect(control('style')?.textContent).toContain('label film');
  });

  it('does not ask when there is no dataurl, and keeps static options', async () => {
    const loadOptions = vi.fn(async () => optionsOf('x'));
    await mountForm([fieldOf('ratio', 'code', { options: optionsOf('16:9') })], { loadOptions, values: { ratio: '16:9' } });
    expect(loadOptions).not.toHaveBeenCalled();
    expect(control('ratio')?.textContent).toContain('label 16:9');
    // A select with nothing to load shows its arrow, never a spinner (an undefined `loading` is
    // passed down by Naive to a spinner that shows by default).
    expect(control('ratio')?.querySelector('.n-base-loading__icon')).toBeNull();
    expect(control('ratio')?.querySelector('.n-base-suffix__arrow')).not.toBeNull();
  });

  it('shows the arrow again once the options arrived', async () => {
    const { loadOptions, pending } = deferredLoader();
    await mountForm([styleField], { loadOptions, values: { style: 'film' } });
    pending[0].resolve(optionsOf('anime', 'film'));
    await flushPromises();
    expect(control('style')?.querySelector('.n-base-suffix__arrow')).not.toBeNull();
  });
});
