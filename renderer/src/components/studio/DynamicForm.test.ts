import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { initialValues, submissionValues } from '@/lib/studio/fields';
import { fallbackFields } from '@/lib/studio/fallback-fields';
import { fieldOf, optionsOf } from '@/testing/studio-fields';
import { accessibleLabel, control, errorOf, field, mountForm } from '@/testing/studio-form';

enableAutoUnmount(afterEach);

const input = (name: string) => control(name)?.querySelector<HTMLInputElement>('input') ?? null;

async function type(element: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  element.value = text;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  await flushPromises();
}

function press(target: Element, key: string, modifiers: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...modifiers });
  target.dispatchEvent(event);
  return event;
}

describe('DynamicForm controls', () => {
  it('renders each uitype with its control', async () => {
    await mountForm([
      fieldOf('title', 'str'),
      fieldOf('prompt', 'text'),
      fieldOf('duration', 'int', { min: 1, max: 16 }),
      fieldOf('cfg', 'float'),
      fieldOf('resolution', 'code', { options: optionsOf('720p', '1080p') }),
      fieldOf('audio', 'check'),
      fieldOf('styles', 'checkbox', { options: optionsOf('anime', 'film', 'ink') }),
      fieldOf('image_file', 'image'),
      fieldOf('attachment', 'file'),
      fieldOf('bgm', 'audio', { accept: 'audio/mpeg' }),
      fieldOf('clip', 'video'),
      fieldOf('phone', 'tel'),
      fieldOf('mail', 'email'),
      fieldOf('secret', 'password'),
      fieldOf('day', 'date'),
      // Main turns an unknown word into 'str' and keeps the original in rawUitype.
      fieldOf('mystery', 'str', { rawUitype: 'slider3d' }),
    ]);
    expect(input('title')?.type).toBe('text');
    expect(control('prompt')?.querySelector('textarea')).not.toBeNull();
    expect(control('duration')?.classList.contains('n-input-number')).toBe(true);
    expect(control('cfg')?.classList.contains('n-input-number')).toBe(true);
    expect(control('resolution')?.querySelector('.n-select')).not.toBeNull();
    expect(control('audio')?.getAttribute('role')).toBe('switch');
    expect(control('styles')?.querySelectorAll('[role="checkbox"]')).toHaveLength(3);
    expect(control('image_file')?.textContent).toContain('选择图片');
    for (const name of ['attachment', 'bgm', 'clip']) expect(control(name)?.textContent, name).toContain('选择文件');
    expect(input('phone')?.type).toBe('tel');
    expect(input('mail')?.type).toBe('email');
    expect(input('secret')?.type).toBe('password');
    expect(control('day')?.querySelector('input')?.type).toBe('date');
    expect(input('mystery')?.type).toBe('text');
  });

  it('names every control by its label, through for/id or aria-labelledby', async () => {
    await mountForm([
      fieldOf('prompt', 'text', { label: '提示词' }),
      fieldOf('duration', 'int', { label: '时长' }),
      fieldOf('audio', 'check', { label: '声音' }),
      fieldOf('resolution', 'code', { label: '分辨率', options: optionsOf('720p') }),
      fieldOf('image_file', 'image', { label: '首帧' }),
      fieldOf('day', 'date', { label: '日期' }),
    ]);
    expect(accessibleLabel(control('prompt')!.querySelector('textarea')!)).toBe('提示词');
    expect(accessibleLabel(input('duration')!)).toBe('时长');
    expect(accessibleLabel(control('audio')!)).toBe('声音');
    const select = control('resolution')!.querySelector('[tabindex="0"]')!;
    expect(select.getAttribute('role')).toBe('combobox');
    expect(accessibleLabel(select)).toBe('分辨率');
    expect(accessibleLabel(control('image_file')!)).toBe('首帧');
    expect(accessibleLabel(input('day')!)).toBe('日期');
  });

  it('never renders hidden fields or the fields main adds, yet sends the hidden ones', async () => {
    const fields = [fieldOf('prompt', 'str'), fieldOf('vendor_flag', 'hidden', { defaultValue: 'v2' }), fieldOf('model', 'str'), fieldOf('llmid', 'str')];
    const form = await mountForm(fields, { values: initialValues(fields) });
    expect(document.querySelectorAll('[data-testid^="studio-field-"]')).toHaveLength(1);
    expect(field('vendor_flag')).toBeNull();
    expect(field('model')).toBeNull();
    expect(document.body.textContent).not.toContain('v2');
    expect(submissionValues(fields, form.values.value)).toEqual({ vendor_flag: 'v2' });
  });

  it('shows defaults and remembered values, and the documented labels of the fallback form', async () => {
    const fields = fallbackFields('t2v');
    await mountForm(fields, { values: initialValues(fields, { prompt: '江南古镇', duration: 8, ratio: '3:3' }) });
    expect(control('prompt')?.querySelector('textarea')?.value).toBe('江南古镇');
    expect(input('duration')?.value).toBe('8');
    expect(control('ratio')?.textContent).toContain('16:9');
    expect(control('resolution')?.textContent).toContain('1080p');
    expect(field('off_peak')?.querySelector('label')?.textContent).toContain('错峰生成');
  });

  it('marks required fields visibly and for screen readers', async () => {
    await mountForm([fieldOf('prompt', 'text', { required: true }), fieldOf('seed', 'int')]);
    const label = field('prompt')!.querySelector('label')!;
    expect(label.querySelector('[aria-hidden="true"]')?.textContent).toBe('*');
    expect(label.textContent).toContain('（必填）');
    expect(field('seed')!.querySelector('label')!.textContent).not.toContain('*');
  });

  it('gives a prompt described as str a multi-line box with Vidu\'s counter', async () => {
    await mountForm([fieldOf('prompt', 'str'), fieldOf('title', 'str', { maxLength: 20 })], { values: { prompt: '白鹭', title: 'abc' } });
    expect(control('prompt')?.querySelector('textarea')?.value).toBe('白鹭');
    expect(document.querySelector('[data-testid="studio-control-prompt-count"]')?.textContent).toBe('2 / 1500');
    expect(document.querySelector('[data-testid="studio-control-title-count"]')?.textContent).toBe('3 / 20');
  });

  it('counts characters of a prompt against its limit, going over without cutting the text', async () => {
    const form = await mountForm([fieldOf('prompt', 'text', { maxLength: 5 })]);
    const textarea = control('prompt')!.querySelector('textarea')!;
    await type(textarea, '一二三四五六');
    expect(form.values.value.prompt).toBe('一二三四五六');
    expect(document.querySelector('[data-testid="studio-control-prompt-count"]')?.textContent).toBe('6 / 5');
  });

  it('disables every control while the parent says so', async () => {
    await mountForm([fieldOf('title', 'str'), fieldOf('audio', 'check'), fieldOf('image_file', 'image')], { disabled: true });
    expect(input('title')?.disabled).toBe(true);
    expect(control('audio')?.classList.contains('n-switch--disabled')).toBe(true);
    expect(document.querySelector('[data-testid="studio-control-image_file-pick"]')?.hasAttribute('disabled')).toBe(true);
  });
});

describe('DynamicForm validation', () => {
  const fields = [
    fieldOf('prompt', 'text', { required: true, label: '提示词' }),
    fieldOf('duration', 'int', { min: 1, max: 16, label: '时长' }),
    fieldOf('resolution', 'code', { options: optionsOf('720p'), required: true }),
  ];

  it('shows nothing before validate(), then each problem in words, on the field that has it', async () => {
    const form = await mountForm(fields, { values: { prompt: '', duration: 20, resolution: null } });
    expect(errorOf('prompt')).toBeNull();
    expect(form.validate()).toBe(false);
    await nextTick();
    expect(errorOf('prompt')).toBe('此项必填');
    expect(errorOf('duration')).toBe('不能大于 16');
    expect(errorOf('resolution')).toBe('此项必填');
    const textarea = control('prompt')!.querySelector('textarea')!;
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(textarea.getAttribute('aria-describedby')!)?.textContent).toBe('此项必填');
    const select = control('resolution')!.querySelector('[tabindex="0"]')!;
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toBe('此项必填');
  });

  it('clears a problem as soon as the user fixes it', async () => {
    const form = await mountForm(fields, { values: { prompt: '', duration: 5, resolution: '720p' } });
    form.validate();
    await nextTick();
    await type(control('prompt')!.querySelector('textarea')!, '白鹭');
    expect(errorOf('prompt')).toBeNull();
    expect(form.validate()).toBe(true);
  });

  it('holds text to the model\'s maxlength: the counter shows n / max, turns red past it, and the field says why', async () => {
    // As main hands it over: the platform's `maxlength` (the simulator's Vidu Q3 states 2000 for its prompt).
    const form = await mountForm([fieldOf('prompt', 'str', { maxLength: 2000 }), fieldOf('title', 'str', { maxLength: 8, label: '标题' })], {
      values: { prompt: '字'.repeat(1800), title: '' },
    });
    const count = (name: string) => document.querySelector(`[data-testid="studio-control-${name}-count"]`);
    expect(count('prompt')?.textContent).toBe('1800 / 2000');
    expect(count('prompt')?.classList.contains('count--over')).toBe(false);
    await type(input('title')!, '九个字的一个新标题');
    expect(count('title')?.textContent).toBe('9 / 8');
    expect(count('title')?.classList.contains('count--over')).toBe(true);
    expect(form.validate()).toBe(false);
    await nextTick();
    expect(errorOf('prompt')).toBeNull();
    expect(errorOf('title')).toBe('最多 8 个字符，当前 9 个');
    await type(input('title')!, '八个字的一个标题');
    expect(count('title')?.classList.contains('count--over')).toBe(false);
    expect(form.validate()).toBe(true);
  });

  it('speaks English when the UI does', async () => {
    const form = await mountForm(fields, { values: { prompt: '', duration: 0, resolution: '720p' }, locale: 'en' });
    form.validate();
    await nextTick();
    expect(errorOf('prompt')).toBe('This field is required');
    expect(errorOf('duration')).toBe('Must be at least 1');
  });
});

describe('DynamicForm keyboard', () => {
  it('submits on Ctrl+Enter and ⌘+Enter from any field', async () => {
    const form = await mountForm([fieldOf('title', 'str'), fieldOf('prompt', 'text')]);
    const ctrl = press(input('title')!, 'Enter', { ctrlKey: true });
    press(control('prompt')!.querySelector('textarea')!, 'Enter', { metaKey: true });
    expect(form.submits.value).toBe(2);
    expect(ctrl.defaultPrevented).toBe(true);
  });

  it('does not submit on a plain Enter, nor through the browser\'s implicit form submission', async () => {
    const form = await mountForm([fieldOf('title', 'str')]);
    const enter = press(input('title')!, 'Enter');
    const implicit = new Event('submit', { bubbles: true, cancelable: true });
    document.querySelector('[data-testid="studio-form"]')!.dispatchEvent(implicit);
    expect(form.submits.value).toBe(0);
    expect(enter.defaultPrevented).toBe(false);
    expect(implicit.defaultPrevented).toBe(true);
  });

  it('does not submit while an input method is composing', async () => {
    const form = await mountForm([fieldOf('title', 'str')]);
    press(input('title')!, 'Enter', { ctrlKey: true, isComposing: true } as KeyboardEventInit);
    expect(form.submits.value).toBe(0);
  });
});
