import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import type { ApiKeyDetail, DownApp } from '@contract';
import KeysView from './KeysView.vue';
import KeyRevealDialog from '@/components/keys/KeyRevealDialog.vue';
import { fail, fakeUser, type FakeHandlers, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';
import { byId, click } from '@/testing/dom';

enableAutoUnmount(afterEach);

const API_KEY = 'ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3';
const SECRET_KEY = 'c2VjcmV0LWV4YW1wbGUtb25seQ==';
const APPS: DownApp[] = [
  { id: 'iSfRfpSxajfadRCZmJUls', appName: '剪辑工作室', apiKeyId: 'WC9ynYFc8a4fl0auPDer-' },
  { id: 'app-2', appName: '批量出片' },
];
const DETAIL: ApiKeyDetail = { appId: APPS[0]!.id, appName: '剪辑工作室', apiKey: API_KEY, secretKey: SECRET_KEY, allowedIps: '' };

/** A clipboard we can read: `content` is what the OS clipboard would hold. */
function fakeClipboard(options: { readable: boolean }) {
  const clip = {
    content: '',
    writeText: vi.fn(async (text: string) => {
      clip.content = text;
    }),
    readText: vi.fn(async () => {
      if (!options.readable) throw new DOMException('Read permission denied', 'NotAllowedError');
      return clip.content;
    }),
  };
  Object.defineProperty(navigator, 'clipboard', { value: clip, configurable: true });
  return clip;
}

beforeEach(() => {
  fakeClipboard({ readable: true });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
  Reflect.deleteProperty(navigator, 'clipboard');
});

async function mountKeys(handlers: FakeHandlers = {}) {
  const bridge = installFakeBridge({
    'auth.state': () => ok({ user: fakeUser() }),
    'keys.list': () => ok(APPS),
    'keys.reveal': () => ok({ ...DETAIL }),
    ...handlers,
  });
  const mounted = await mountWithProviders(KeysView, { path: '/keys' });
  return { bridge, ...mounted };
}

async function revealFirst(): Promise<void> {
  await click(`keys-reveal-${APPS[0]!.id}`);
  await click('key-reveal-confirm-ok');
}

function assertSecretsGone(pinia: { state: { value: unknown } }): void {
  const state = JSON.stringify(pinia.state.value);
  const dom = document.body.innerHTML;
  for (const secret of [API_KEY, SECRET_KEY]) {
    expect(state).not.toContain(secret);
    expect(dom).not.toContain(secret);
  }
}

describe('KeysView: the list', () => {
  it('lists the apps with their ids', async () => {
    await mountKeys();
    const rows = [...document.body.querySelectorAll('[data-testid="keys-row"]')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()));
    expect(rows).toEqual([
      ['剪辑工作室', 'iSfRfpSxajfadRCZmJUls', 'WC9ynYFc8a4fl0auPDer-', '查看密钥'],
      ['批量出片', 'app-2', '—', '查看密钥'],
    ]);
  });

  it('shows an empty state, and an error with retry', async () => {
    let answer: 'empty' | 'broken' = 'broken';
    const { bridge } = await mountKeys({ 'keys.list': () => (answer === 'empty' ? ok([]) : fail('app', 'API Key 列表暂不可用 / API key list unavailable')) });
    expect(byId('keys-error')?.textContent).toContain('API Key 列表暂不可用');
    answer = 'empty';
    await click('keys-refresh');
    expect(bridge.callsTo('keys.list')).toHaveLength(2);
    expect(byId('keys-error')).toBeNull();
    expect(byId('keys-empty')?.textContent).toContain('还没有 API Key');
  });
});

describe('KeysView: applying for a key', () => {
  async function fill(field: string, value: string): Promise<void> {
    const input = byId(field)?.querySelector('input') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await flushPromises();
  }
  const submit = async () => {
    byId('key-apply-form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    await flushPromises();
  };

  it('checks the fields before sending, then applies once and shows the new list', async () => {
    const created: DownApp = { id: 'new-1', appName: '新应用' };
    const { bridge } = await mountKeys({ 'keys.apply': () => ok([...APPS, created]) });
    await click('keys-apply');
    await submit();
    expect(byId('key-apply-name-error')?.textContent).toBe('请输入应用名称');
    await fill('key-apply-name', '名'.repeat(65));
    await submit();
    expect(byId('key-apply-name-error')?.textContent).toBe('应用名称最多 64 个字符');
    await fill('key-apply-name', ' 新应用 ');
    await fill('key-apply-ips', '10.0.0.1, example.com');
    await submit();
    expect(byId('key-apply-ips-error')?.textContent).toContain('IP 地址');
    expect(bridge.callsTo('keys.apply')).toEqual([]);

    await fill('key-apply-ips', '10.0.0.1, 10.0.0.2');
    await fill('key-apply-description', '批量出片');
    expect(byId('key-apply-submit')?.getAttribute('type')).toBe('submit');
    await submit();
    expect(bridge.callsTo('keys.apply')).toEqual([{ appName: '新应用', description: '批量出片', allowedIps: '10.0.0.1,10.0.0.2' }]);
    expect(document.body.querySelectorAll('[data-testid="keys-row"]')).toHaveLength(3);
  });

  it('created but not listed yet (null): tells the user it was created, no error, and reads the list 5 s later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let listed: DownApp[] = APPS;
    const { bridge } = await mountKeys({ 'keys.apply': () => ok(null), 'keys.list': () => ok(listed) });
    await click('keys-apply');
    await fill('key-apply-name', '新应用');
    await submit();
    expect(byId('key-apply-failure')).toBeNull();
    expect(document.body.textContent).toContain('已申请 API Key：新应用');
    expect(bridge.callsTo('keys.list')).toHaveLength(1);
    listed = [...APPS, { id: 'new-1', appName: '新应用' }];
    await vi.advanceTimersByTimeAsync(5_000);
    await flushPromises();
    expect(bridge.callsTo('keys.list')).toHaveLength(2);
    expect(document.body.querySelectorAll('[data-testid="keys-row"]')).toHaveLength(3);
  });

  it('shows the platform’s message on failure and re-reads the list', async () => {
    const { bridge } = await mountKeys({ 'keys.apply': () => fail('app', 'duplicate key value violates unique constraint') });
    await click('keys-apply');
    await fill('key-apply-name', '剪辑工作室');
    await submit();
    expect(byId('key-apply-failure')?.textContent).toContain('duplicate key value');
    expect(bridge.callsTo('keys.list')).toHaveLength(2);
  });
});

describe('KeysView: revealing a key', () => {
  it('asks first, then shows the keys masked with a show toggle', async () => {
    const { bridge } = await mountKeys();
    await click(`keys-reveal-${APPS[0]!.id}`);
    expect(byId('key-reveal-confirm')?.textContent).toContain('API Key 可以直接以你的账户身份调用平台');
    expect(bridge.callsTo('keys.reveal')).toEqual([]);
    await click('key-reveal-confirm-ok');
    expect(bridge.callsTo('keys.reveal')).toEqual([{ appId: APPS[0]!.id }]);
    expect(byId('key-reveal-apikey')?.textContent).toBe('ak_9Q2m••••••••Hb3');
    expect(byId('key-reveal-secretkey')?.textContent).toBe('c2VjcmV••••••••Q==');
    expect(document.body.innerHTML).not.toContain(API_KEY);
    await click('key-reveal-toggle-apikey');
    expect(byId('key-reveal-apikey')?.textContent).toBe(API_KEY);
  });

  it('hides after 30 s: the keys are gone from every store, the DOM and the component', async () => {
    const { wrapper, pinia } = await mountKeys();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await revealFirst();
    await click('key-reveal-toggle-apikey');
    await click('key-reveal-toggle-secretkey');
    expect(document.body.innerHTML).toContain(API_KEY);
    expect(document.body.innerHTML).toContain(SECRET_KEY);
    // Never in a store, even while shown.
    expect(JSON.stringify(pinia.state.value)).not.toContain(API_KEY);

    vi.advanceTimersByTime(20_000);
    await flushPromises();
    expect(byId('key-reveal-countdown')?.textContent).toBe('10 秒后自动隐藏');
    vi.advanceTimersByTime(10_000);
    await flushPromises();
    assertSecretsGone(pinia);
    const dialog = wrapper.findComponent(KeyRevealDialog).vm as unknown as { apiKey: string; secretKey: string };
    expect(dialog.apiKey).toBe('');
    expect(dialog.secretKey).toBe('');
  });

  it('wipes the keys when the view unmounts', async () => {
    const { wrapper, pinia } = await mountKeys();
    await revealFirst();
    await click('key-reveal-toggle-apikey');
    const dialog = wrapper.findComponent(KeyRevealDialog).vm as unknown as { apiKey: string; secretKey: string };
    expect(dialog.apiKey).toBe(API_KEY);
    wrapper.unmount();
    await flushPromises();
    assertSecretsGone(pinia);
    expect(dialog.apiKey).toBe('');
    expect(dialog.secretKey).toBe('');
  });

  it('wipes the keys when the dialog is closed by hand', async () => {
    const { pinia } = await mountKeys();
    await revealFirst();
    await click('key-reveal-toggle-secretkey');
    await click('key-reveal-hide');
    assertSecretsGone(pinia);
  });

  it('shows the platform’s message when the key cannot be read', async () => {
    await mountKeys({ 'keys.reveal': () => fail('app', '没有找到用户apikey') });
    await revealFirst();
    expect(byId('key-reveal-error')?.textContent).toBe('没有找到用户apikey');
  });
});

describe('KeysView: copying keys', () => {
  it('copies a curl example against the configured server', async () => {
    const clip = fakeClipboard({ readable: true });
    await mountKeys();
    await revealFirst();
    await click('key-reveal-copy-curl');
    expect(clip.content).toContain("curl -X POST 'http://127.0.0.1:4010/llmage/vidu_inference.dspy'");
    expect(clip.content).toContain(`-H 'Authorization: Bearer ${API_KEY}'`);
    expect(byId('key-reveal-copy-note')?.textContent).toContain('60 秒后将从剪贴板清除');
  });

  it('clears a copied key from the clipboard after 60 s if it is still there', async () => {
    const clip = fakeClipboard({ readable: true });
    await mountKeys();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await revealFirst();
    await click('key-reveal-copy-apikey');
    expect(clip.content).toBe(API_KEY);
    vi.advanceTimersByTime(59_000);
    await flushPromises();
    expect(clip.content).toBe(API_KEY);
    vi.advanceTimersByTime(1_000);
    await flushPromises();
    expect(clip.content).toBe('');
  });

  it('in the desktop app hands the secret to main, which copies it and takes it back later', async () => {
    const clip = fakeClipboard({ readable: true });
    const { bridge } = await mountKeys();
    bridge.handle({ 'clipboard.copySecret': () => ok({ handled: true, clearsAt: Date.now() + 60_000 }) });
    await revealFirst();
    await click('key-reveal-copy-apikey');
    expect(bridge.callsTo('clipboard.copySecret')).toEqual([{ text: API_KEY }]);
    expect(clip.writeText).not.toHaveBeenCalled();
    expect(byId('key-reveal-copy-note')?.textContent).toContain('60 秒后将从剪贴板清除');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clip = fakeClipboard({ readable: true });
    await mountKeys();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await revealFirst();
    await click('key-reveal-copy-secretkey');
    expect(clip.content).toBe(SECRET_KEY);
    clip.content = '用户自己复制的文字';
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(clip.content).toBe('用户自己复制的文字');
  });

  it('when reading is refused, clears only if our last write was that key', async () => {
    const clip = fakeClipboard({ readable: false });
    await mountKeys();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    await revealFirst();
    await click('key-reveal-copy-apikey');
    vi.advanceTimersByTime(10_000);
    await click('key-reveal-copy-secretkey');
    // The API key's timer fires: our last write was the secret key, so it must not clear…
    vi.advanceTimersByTime(50_000);
    await flushPromises();
    expect(clip.content).toBe(SECRET_KEY);
    // … the secret key's own timer does (even though the dialog has hidden itself by now).
    vi.advanceTimersByTime(10_000);
    await flushPromises();
    expect(clip.content).toBe('');
    expect(clip.writeText).toHaveBeenLastCalledWith('');
  });
});
