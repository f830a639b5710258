import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { NSelect } from 'naive-ui';
import PricingView from './PricingView.vue';
import { fakeModel } from '@/testing/video';
import { fail, fakeUser, type FakeHandlers, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId } from '@/testing/dom';

enableAutoUnmount(afterEach);
afterEach(() => {
  document.body.innerHTML = '';
});

async function mountPricing(handlers: FakeHandlers = {}) {
  const bridge = installFakeBridge({ 'auth.state': () => ok({ user: fakeUser() }), ...handlers });
  const mounted = await mountWithProviders(PricingView, { path: '/pricing' });
  return { bridge, ...mounted };
}

async function type(testid: string, value: string): Promise<void> {
  const field = byId(testid)?.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (!field) throw new Error(`no field ${testid}`);
  field.value = value;
  field.dispatchEvent(new Event('input'));
  await flushPromises();
}

async function submit(): Promise<void> {
  byId('pricing-form')?.dispatchEvent(new Event('submit', { cancelable: true }));
  await flushPromises();
}

describe('PricingView', () => {
  it('checks the program id and the JSON before sending', async () => {
    const { bridge } = await mountPricing();
    await type('pricing-ppid', '');
    await submit();
    expect(byId('pricing-ppid-error')?.textContent).toBe('请输入定价程序 ID');

    await type('pricing-ppid', 'Mx4Rb8TqK2vNc6LzW0eYs');
    await type('pricing-json', '{\n  "duration": 5,\n  "SR": 1080,\n}');
    await submit();
    expect(byId('pricing-json-error')?.textContent).toBe('JSON 格式错误：第 4 行第 1 列，此处应为双引号括起的键名');
    await type('pricing-json', '[{"duration": 5}]');
    await submit();
    expect(byId('pricing-json-error')?.textContent).toBe('用量数据必须是 JSON 对象（键值对），不能是数组');
    await type('pricing-json', '42');
    await submit();
    expect(byId('pricing-json-error')?.textContent).toBe('用量数据必须是 JSON 对象（键值对），不能是数字');
    expect(bridge.callsTo('pricing.test')).toEqual([]);
  });

  it.each([
    ['{"a": 1 "b": 2}', '此处应为"," 或 "}"'],
    ['[1 2]', '此处应为"," 或 "]"'],
    ['{"a" 1}', '此处应为冒号 ":"'],
    ['{"a": 1} x', '此处应为内容结束'],
    ['{"a": "\\x"}', '此处应为有效的转义字符'],
  ])('says in Chinese what was expected in %s', async (json, words) => {
    await mountPricing();
    await type('pricing-ppid', 'Mx4Rb8TqK2vNc6LzW0eYs');
    await type('pricing-json', json);
    await submit();
    expect(byId('pricing-json-error')?.textContent).toContain(words);
  });

  it('sends the template object and shows the amount and items', async () => {
    const { bridge } = await mountPricing({
      'pricing.test': ({ ppid }) => ok({ ppid, amount: 5.25, items: [{ name: '时长', amount: 5 }, { amount: 0.25 }] }),
    });
    await type('pricing-ppid', ' Mx4Rb8TqK2vNc6LzW0eYs ');
    await type('pricing-json', 'oops');
    byId('pricing-template')?.click();
    await flushPromises();
    await submit();
    expect(bridge.callsTo('pricing.test')).toEqual([{ ppid: 'Mx4Rb8TqK2vNc6LzW0eYs', data: { duration: 5, SR: 1080 } }]);
    expect(byId('pricing-amount')?.textContent).toBe('¥5.25');
    const items = [...(byId('pricing-result')?.querySelectorAll('tbody tr') ?? [])].map((row) => row.textContent?.replace(/\s+/g, ''));
    expect(items).toEqual(['时长¥5.00', '第2项¥0.25']);
  });

  it('explains a 403 as no permission, not as a failure', async () => {
    await mountPricing({ 'pricing.test': () => fail('forbidden', 'Forbidden', 403) });
    await type('pricing-ppid', 'Mx4Rb8TqK2vNc6LzW0eYs');
    await submit();
    expect(byId('pricing-forbidden')?.textContent).toContain('没有权限：定价测试仅对管理员开放');
    expect(byId('pricing-failure')).toBeNull();
    expect(byId('pricing-view')).not.toBeNull();
  });

  it('shows other errors as the platform wrote them', async () => {
    await mountPricing({ 'pricing.test': () => fail('app', "ppid='x' not found") });
    await type('pricing-ppid', 'x');
    await submit();
    expect(byId('pricing-failure')?.textContent).toBe("ppid='x' not found");
  });

  it('the program id can be picked from the listed models by name; a model without one cannot be picked', async () => {
    const withPpid = fakeModel({ id: 'M1', name: 'Vidu Q3 文生视频', catalog: 't2v', ppid: 'Pp1T2v' });
    const withoutPpid = fakeModel({ id: 'M2', name: 'Vidu Q3 Turbo', catalog: 't2v' });
    const imageModel = fakeModel({ id: 'M3', name: 'Vidu Q3 图生视频', catalog: 'i2v', ppid: 'Pp3I2v' });
    const { bridge, wrapper } = await mountPricing({
      'video.models': ({ catalog }) => ok(catalog === 't2v' ? [withPpid, withoutPpid] : catalog === 'i2v' ? [imageModel] : []),
      'pricing.test': ({ ppid }) => ok({ ppid, amount: 5 }),
    });
    await flushPromises();
    expect(bridge.callsTo('video.models').map((c) => c.catalog).sort()).toEqual(['i2v', 'r2v', 't2v']);
    const select = wrapper.findComponent(NSelect);
    const groups = select.props('options') as { label: string; children: { label: string; value: string; disabled: boolean }[] }[];
    expect(groups.map((g) => g.label)).toEqual(['文生视频', '图生视频']);
    expect(groups[0]!.children).toEqual([
      { value: 'Pp1T2v', label: 'Vidu Q3 文生视频', disabled: false },
      { value: 'none:t2v:M2', label: 'Vidu Q3 Turbo（平台未提供该模型的定价程序 ID）', disabled: true },
    ]);

    // Picking fills the id field; the test sends it.
    select.vm.$emit('update:value', 'Pp3I2v');
    await flushPromises();
    expect(byId('pricing-ppid')?.querySelector('input')?.value).toBe('Pp3I2v');
    await submit();
    expect(bridge.callsTo('pricing.test')).toEqual([{ ppid: 'Pp3I2v', data: { duration: 5, SR: 1080 } }]);

    // Typing still works; the picker follows a typed id it knows, and clears for one it does not.
    await type('pricing-ppid', 'Pp1T2v');
    expect(select.props('value')).toBe('Pp1T2v');
    await type('pricing-ppid', 'SomethingTyped');
    expect(select.props('value')).toBeNull();
  });
});
