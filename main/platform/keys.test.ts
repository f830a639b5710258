/**
 * §3.4–3.6 downstream apps and API keys: the list, one key, and applyApiKey's outcomes —
 * against the simulator, and with scripted answers for the orders of failures the simulator
 * cannot stage (a list read failing only after the POST).
 */
import { describe, expect, it } from 'vitest';
import { APP } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { scriptedHttp, type ScriptedAnswer } from '../testing/scripted-http';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { APPLY_KEY_PATH, applyApiKey, DOWNAPPS_PATH, getApiKey, GET_KEY_PATH, listDownApps } from './keys';
import type { PlatformHttp } from './types';

const env = useSignedInSimulator();

function fakeHttp(listAnswers: Array<'ok' | 'fail'>) {
  const posts: string[] = [];
  const http: PlatformHttp = {
    baseUrl: () => 'https://platform.example',
    async get(path) {
      if (path !== DOWNAPPS_PATH) throw new Error(`unexpected GET ${path}`);
      if (listAnswers.shift() === 'fail') throw new AppError('server', '服务器错误 / Server error', { httpStatus: 502 });
      return { kind: 'ok', data: [{ id: 'old-1', appname: '旧应用' }] } as Awaited<ReturnType<PlatformHttp['get']>>;
    },
    async post(path) {
      posts.push(path);
      return { kind: 'ok', data: {} } as Awaited<ReturnType<PlatformHttp['post']>>;
    },
  };
  return { http, posts };
}

describe('listDownApps (§3.4)', () => {
  it('the user\'s apps with a valid key, by either name spelling', async () => {
    const expected = [
      { id: APP.studio, appName: '剪辑工作室' },
      { id: APP.batch, appName: '短视频批量出片' },
    ];
    const byName = await listDownApps(env.http());
    expect(byName.map(({ id, appName }) => ({ id, appName }))).toEqual(expected);
    expect(byName[0]?.apiKeyId).toBe('WC9ynYFc8a4fl0auPDer-');
    env.sim().control.setSwitches({ downappsNameKey: 'appname' });
    expect(await listDownApps(env.http())).toEqual(expected);
  });

  it('the broken server version\'s database error: "list unavailable", the raw text kept as detail', async () => {
    env.sim().control.setSwitches({ downappsError: true });
    const failure = await listDownApps(env.http()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'app', message: 'API Key 列表暂不可用 / API key list unavailable', detail: expect.stringMatching(/Unknown column.*today='/) });
  });

  it('shapes: a bare list, no list (empty), items without an id skipped; a non-list is malformed', async () => {
    const items = [{ id: 'a1', name: 'A', apikeyid: '' }, { name: 'no id' }, { id: '', name: 'blank' }, { id: 7, name: 'numeric id' }, 'junk', { id: 'a2' }];
    await expect(listDownApps(scriptedHttp(() => items))).resolves.toEqual([{ id: 'a1', appName: 'A' }, { id: 'a2', appName: '' }]);
    await expect(listDownApps(scriptedHttp(() => ({})))).resolves.toEqual([]);
    await expect(listDownApps(scriptedHttp(() => ({ apikeys: null })))).resolves.toEqual([]);
    await expect(listDownApps(scriptedHttp(() => null))).resolves.toEqual([]);
    await expect(listDownApps(scriptedHttp(() => ({ apikeys: 'x' })))).rejects.toMatchObject({ code: 'malformed', message: '应用列表数据无法识别 / Unrecognised app list data' });
  });

  it('the detail of "list unavailable" is cut at 500 characters; other app errors pass unchanged', async () => {
    const long = new AppError('app', `${'e'.repeat(600)},today='2026-01-01'`);
    const failure = await listDownApps(scriptedHttp(() => { throw long; })).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: expect.stringContaining('API key list unavailable'), cause: long });
    expect((failure as AppError).detail).toBe('e'.repeat(500));
    const spaced = new AppError('app', "(1054, 'x') , today = '2026-01-01'");
    await expect(listDownApps(scriptedHttp(() => { throw spaced; }))).rejects.toMatchObject({ message: expect.stringContaining('API key list unavailable') });
    const other = new AppError('app', 'today is fine');
    await expect(listDownApps(scriptedHttp(() => { throw other; }))).rejects.toBe(other);
    const server = new AppError('server', `x,today='2026-01-01'`);
    await expect(listDownApps(scriptedHttp(() => { throw server; }))).rejects.toBe(server);
  });
});

describe('getApiKey (§3.6)', () => {
  it('the key, the secret key and the allowed IPs of one app', async () => {
    const detail = await getApiKey(env.http(), APP.batch);
    expect(detail).toMatchObject({ appId: APP.batch, appName: '短视频批量出片', apiKey: expect.stringMatching(/^ak_/), secretKey: expect.any(String), allowedIps: '127.0.0.1,10.0.0.8' });
    expect(env.sim().control.requests().at(-1)).toMatchObject({ path: GET_KEY_PATH, query: { id: APP.batch } });
  });

  it('the misspelt `aapikey` and `appname` are read too', async () => {
    env.sim().control.setSwitches({ apikeyKey: 'aapikey', appNameKey: 'appname' });
    expect(await getApiKey(env.http(), APP.studio)).toMatchObject({ appName: '剪辑工作室', apiKey: 'ak_9Q2mXv7LrT4pZs8Nw1Ye6Hb3' });
  });

  it('no key in the answer is malformed; no secret key or IP list leaves them out', async () => {
    await expect(getApiKey(scriptedHttp(() => ({ name: 'A' })), 'a1')).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('no API key') });
    await expect(getApiKey(scriptedHttp(() => 'ak_1'), 'a1')).rejects.toMatchObject({ code: 'malformed' });
    await expect(getApiKey(scriptedHttp(() => ({ apikey: 'ak_1', secretkey: '', allowedips: null })), 'a1')).resolves.toEqual({ appId: 'a1', appName: '', apiKey: 'ak_1' });
    await expect(getApiKey(scriptedHttp(() => ({ apikey: 'ak_1', allowedips: '' })), 'a1')).resolves.toEqual({ appId: 'a1', appName: '', apiKey: 'ak_1', allowedIps: '' });
  });
});

describe('applyApiKey (§3.5)', () => {
  it('creates the app with the id we chose and answers with the new list', async () => {
    const apps = await applyApiKey(env.http(), { appName: '新应用', description: '说明', allowedIps: '10.0.0.1' }, 'NewAppId000000000000a');
    expect(apps?.map((app) => app.id)).toContain('NewAppId000000000000a');
    const post = env.sim().control.requests().find((r) => r.path === APPLY_KEY_PATH);
    expect(post?.body).toEqual({ appname: '新应用', description: '说明', allowedips: '10.0.0.1', id: 'NewAppId000000000000a' });
  });

  it('no description or IP list: sent as empty text (any IP)', async () => {
    const http = scriptedHttp(() => []);
    await applyApiKey(http, { appName: 'A' }, 'id1');
    expect(http.calls.find((call) => call.method === 'POST')?.params).toEqual({ appname: 'A', description: '', allowedips: '', id: 'id1' });
  });

  it('created but the list read after it failed: null (a success to report), not the server error', async () => {
    const { http, posts } = fakeHttp(['ok', 'fail']);
    await expect(applyApiKey(http, { appName: '新应用' })).resolves.toBeNull();
    expect(posts).toEqual([APPLY_KEY_PATH]);
  });

  it('created and listed: the list', async () => {
    const { http } = fakeHttp(['ok', 'ok']);
    await expect(applyApiKey(http, { appName: '新应用' })).resolves.toEqual([{ id: 'old-1', appName: '旧应用' }]);
  });

  const failedPost = new AppError('server', '服务器错误 / Server error', { httpStatus: 500 });
  const list = (...apps: Array<{ id: string; name: string }>): ScriptedAnswer => () => apps;
  const postFails: ScriptedAnswer = () => { throw failedPost; };
  const listFails: ScriptedAnswer = () => { throw new AppError('transport', 'reset'); };

  it('the POST failed but the app is there (new id, same name): the apply happened, the list is the answer', async () => {
    const http = scriptedHttp([list({ id: 'old', name: '新应用' }), postFails, list({ id: 'old', name: '新应用' }, { id: 'srv-made', name: '新应用' })]);
    await expect(applyApiKey(http, { appName: '新应用' }, 'mine')).resolves.toHaveLength(2);
  });

  it('the POST failed and the app with our id is there: the list, even when the first read failed', async () => {
    const http = scriptedHttp([listFails, postFails, list({ id: 'mine', name: '新应用' })]);
    await expect(applyApiKey(http, { appName: '新应用' }, 'mine')).resolves.toEqual([{ id: 'mine', appName: '新应用' }]);
  });

  it('the POST failed and only an old app of the same name exists: the error (nothing was created)', async () => {
    const http = scriptedHttp([list({ id: 'old', name: '新应用' }), postFails, list({ id: 'old', name: '新应用' })]);
    await expect(applyApiKey(http, { appName: '新应用' }, 'mine')).rejects.toBe(failedPost);
  });

  it('the POST failed, the first read too, and a same-named app appeared: unproven, the error', async () => {
    const http = scriptedHttp([listFails, postFails, list({ id: 'other', name: '新应用' })]);
    await expect(applyApiKey(http, { appName: '新应用' }, 'mine')).rejects.toBe(failedPost);
  });

  it('the POST failed and a new app of another name appeared: the error', async () => {
    const http = scriptedHttp([list(), postFails, list({ id: 'x', name: '别的应用' })]);
    await expect(applyApiKey(http, { appName: '新应用' }, 'mine')).rejects.toBe(failedPost);
  });

  it('the POST failed and the list cannot be read: the POST\'s error', async () => {
    const http = scriptedHttp([list(), postFails, listFails]);
    await expect(applyApiKey(http, { appName: '新应用' }, 'mine')).rejects.toBe(failedPost);
  });

  it('signed out: a 401 on the first read stops before anything is sent; a 401 on the POST is not reconciled', async () => {
    const expired = new AppError('unauthorized', 'need login', { httpStatus: 401 });
    const first = scriptedHttp([() => { throw expired; }]);
    await expect(applyApiKey(first, { appName: 'A' }, 'mine')).rejects.toBe(expired);
    expect(first.calls.map((call) => call.method)).toEqual(['GET']);
    const onPost = scriptedHttp([list(), () => { throw expired; }]);
    await expect(applyApiKey(onPost, { appName: 'A' }, 'mine')).rejects.toBe(expired);
    expect(onPost.calls.map((call) => call.method)).toEqual(['GET', 'POST']);
  });
});
