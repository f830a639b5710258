import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import LoginView from './LoginView.vue';
import { fail, fakeUser, installFakeBridge, mountWithProviders, ok } from '@/api/testing/fake-bridge';

enableAutoUnmount(afterEach);
afterEach(() => {
  vi.useRealTimers();
});

const sendOk = () => ok({ notice: '测试模式: 验证码 123456', resendAfterSeconds: 60 });

async function typePhone(wrapper: VueWrapper, value: string, blur = false): Promise<void> {
  const input = wrapper.get('#login-phone');
  await input.setValue(value);
  if (blur) await input.trigger('blur');
}

function text(wrapper: VueWrapper, testid: string): string {
  return wrapper.get(`[data-testid="${testid}"]`).text();
}

async function requestCode(wrapper: VueWrapper, phone = '13900000001'): Promise<void> {
  await typePhone(wrapper, phone);
  await wrapper.get('[data-testid="send-code"]').trigger('click');
  await flushPromises();
}

async function signIn(wrapper: VueWrapper, code = '123456'): Promise<void> {
  await wrapper.get('#login-code').setValue(code);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('LoginView: phone field', () => {
  it('explains each kind of wrong number, on input and on blur', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });

    await typePhone(wrapper, '1390000000a');
    expect(text(wrapper, 'phone-error')).toBe('手机号只能包含数字');
    await typePhone(wrapper, '23900000001');
    expect(text(wrapper, 'phone-error')).toBe('手机号应以 1 开头');
    // Still typing: a short number is not an error yet …
    await typePhone(wrapper, '139');
    expect(text(wrapper, 'phone-error')).toBe('');
    // … but it is once the field is left.
    await wrapper.get('#login-phone').trigger('blur');
    expect(text(wrapper, 'phone-error')).toBe('手机号应为 11 位数字');
    await typePhone(wrapper, '139000000012');
    expect(text(wrapper, 'phone-error')).toBe('手机号应为 11 位数字');
    await typePhone(wrapper, '139 0000 0001', true);
    expect(text(wrapper, 'phone-error')).toBe('');
  });

  it('refuses to send a code for an empty or invalid number', async () => {
    const bridge = installFakeBridge({ 'auth.sendCode': sendOk });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await wrapper.get('[data-testid="send-code"]').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'phone-error')).toBe('请输入手机号');
    await requestCode(wrapper, '1390000');
    expect(text(wrapper, 'phone-error')).toBe('手机号应为 11 位数字');
    expect(bridge.callsTo('auth.sendCode')).toEqual([]);
  });

  it('shows English messages when the language is English', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login', locale: 'en' });
    // The settings store applies the stored language (zh-CN) once loaded; switch it explicitly.
    const { setLocale } = await import('@/i18n');
    setLocale('en');
    await typePhone(wrapper, '2');
    expect(text(wrapper, 'phone-error')).toBe('A mainland mobile number starts with 1');
    setLocale('zh-CN');
  });
});

describe('LoginView: sending the code', () => {
  it('shows the notice, counts 60 s down with the button disabled, then allows a resend', async () => {
    const bridge = installFakeBridge({ 'auth.sendCode': sendOk });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    vi.useFakeTimers();
    await requestCode(wrapper);

    expect(bridge.callsTo('auth.sendCode')).toEqual([{ phone: '13900000001' }]);
    expect(text(wrapper, 'code-notice')).toBe('测试模式: 验证码 123456');
    const button = () => wrapper.get('[data-testid="send-code"]');
    expect(button().attributes('disabled')).toBeDefined();
    expect(button().text()).toBe('60 秒后重发');
    // Focus moved to the code field.
    expect(document.activeElement?.id).toBe('login-code');

    await vi.advanceTimersByTimeAsync(15_000);
    expect(button().text()).toBe('45 秒后重发');
    expect(button().attributes('disabled')).toBeDefined();

    await vi.advanceTimersByTimeAsync(44_000);
    expect(button().text()).toBe('1 秒后重发');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(button().attributes('disabled')).toBeUndefined();
    expect(button().text()).toBe('重新发送');

    await button().trigger('click');
    await flushPromises();
    expect(bridge.callsTo('auth.sendCode')).toHaveLength(2);
  });

  it('keeps the countdown when the screen is left and opened again', async () => {
    installFakeBridge({ 'auth.sendCode': sendOk });
    const first = await mountWithProviders(LoginView, { path: '/login' });
    vi.useFakeTimers();
    await requestCode(first.wrapper);
    await vi.advanceTimersByTimeAsync(20_000);
    first.wrapper.unmount();

    const second = await mountWithProviders(LoginView, { path: '/login', pinia: first.pinia });
    const button = second.wrapper.get('[data-testid="send-code"]');
    expect(button.text()).toBe('40 秒后重发');
    expect(button.attributes('disabled')).toBeDefined();
    expect((second.wrapper.get('#login-phone').element as HTMLInputElement).value).toBe('13900000001');
  });

  it('tells "SMS sign-in unavailable" apart from other failures', async () => {
    installFakeBridge({ 'auth.sendCode': () => fail('sms_unavailable', 'need login', 401) });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await requestCode(wrapper);
    expect(text(wrapper, 'login-error')).toBe('此服务器要求先登录才能获取短信验证码，无法使用短信登录');
    expect(wrapper.get('[data-testid="send-code"]').attributes('disabled')).toBeUndefined();
  });

  it('shows the platform message when sending fails at the platform', async () => {
    installFakeBridge({ 'auth.sendCode': () => fail('app', '发送验证码出错: gateway') });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await requestCode(wrapper);
    expect(text(wrapper, 'login-error')).toBe('发送验证码出错: gateway');
  });
});

describe('LoginView: signing in', () => {
  it('digits only in the code field, with one-time-code autocomplete', async () => {
    installFakeBridge();
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    const code = wrapper.get('#login-code');
    expect(code.attributes('autocomplete')).toBe('one-time-code');
    await code.setValue('12a3 4');
    expect((code.element as HTMLInputElement).value).toBe('1234');
  });

  it('shows the platform text for a wrong code', async () => {
    installFakeBridge({ 'auth.sendCode': sendOk, 'auth.login': () => fail('wrong_code', '手机短信验证码出错') });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await requestCode(wrapper);
    await signIn(wrapper, '000000');
    expect(text(wrapper, 'login-error')).toBe('手机短信验证码出错');
  });

  it.each([
    ['transport', 'connect ECONNREFUSED 127.0.0.1:4010', '无法连接到服务器，请检查网络连接和服务器地址（connect ECONNREFUSED 127.0.0.1:4010）'],
    ['timeout', 'Timeout awaiting response', '服务器响应超时，请稍后重试'],
    ['server', 'HTTP 500', '服务器出错，请稍后重试（HTTP 500）'],
  ] as const)('tells a %s failure apart', async (code, message, expected) => {
    installFakeBridge({ 'auth.sendCode': sendOk, 'auth.login': () => fail(code, message) });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await requestCode(wrapper);
    await signIn(wrapper);
    expect(text(wrapper, 'login-error')).toBe(expected);
  });

  it('asks for a code before signing in, and for the code when it is empty', async () => {
    const bridge = installFakeBridge({ 'auth.sendCode': sendOk });
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    await typePhone(wrapper, '13900000001');
    await signIn(wrapper, '123456');
    expect(text(wrapper, 'code-error')).toBe('请先获取验证码');
    await requestCode(wrapper);
    await signIn(wrapper, '');
    expect(text(wrapper, 'code-error')).toBe('请输入短信验证码');
    expect(bridge.callsTo('auth.login')).toEqual([]);
  });

  it('Enter in the phone field sends the code; Enter in the code field signs in and returns to the redirect', async () => {
    const bridge = installFakeBridge({
      'auth.sendCode': sendOk,
      'auth.login': () => ok({ kind: 'signedIn', user: fakeUser() }),
    });
    const { wrapper, router } = await mountWithProviders(LoginView, { path: '/login?redirect=/orders' });
    await typePhone(wrapper, '13900000001');
    await wrapper.get('#login-phone').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(bridge.callsTo('auth.sendCode')).toEqual([{ phone: '13900000001' }]);

    await wrapper.get('#login-code').setValue('123456');
    await wrapper.get('#login-code').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(bridge.callsTo('auth.login')).toEqual([{ phone: '13900000001', code: '123456' }]);
    // The target screen is lazy: the navigation finishes once its chunk has loaded.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/orders'), { timeout: 5000 });
  });

  it('shows the server in use, links to settings, and warns about plain http', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, serverUrl: 'http://yj.example.com', insecureServer: true };
    const { wrapper } = await mountWithProviders(LoginView, { path: '/login' });
    expect(text(wrapper, 'server-line')).toContain('http://yj.example.com');
    expect(wrapper.get('[data-testid="server-change"]').attributes('href')).toBe('/settings');
    expect(text(wrapper, 'insecure-warning')).toContain('http');
  });

  it('names where an overriding address came from: the command line or the environment variable', async () => {
    const bridge = installFakeBridge();
    bridge.info = { ...bridge.info, serverSource: 'env', serverFromCommandLine: true };
    const fromFlag = await mountWithProviders(LoginView, { path: '/login' });
    expect(text(fromFlag.wrapper, 'server-line')).toContain('（启动参数）');
    expect(text(fromFlag.wrapper, 'server-line')).not.toContain('环境变量');
    fromFlag.wrapper.unmount();
    bridge.info = { ...bridge.info, serverSource: 'env', serverFromCommandLine: undefined };
    const fromEnv = await mountWithProviders(LoginView, { path: '/login' });
    expect(text(fromEnv.wrapper, 'server-line')).toContain('（环境变量）');
  });
});
