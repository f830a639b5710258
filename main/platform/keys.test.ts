/** applyApiKey's outcomes that the simulator cannot stage in order: a list read failing only after the POST. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { APPLY_KEY_PATH, applyApiKey, DOWNAPPS_PATH } from './keys';
import type { PlatformHttp } from './types';

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

describe('applyApiKey', () => {
  it('created but the list read after it failed: null (a success to report), not the server error', async () => {
    const { http, posts } = fakeHttp(['ok', 'fail']);
    await expect(applyApiKey(http, { appName: '新应用' })).resolves.toBeNull();
    expect(posts).toEqual([APPLY_KEY_PATH]);
  });

  it('created and listed: the list', async () => {
    const { http } = fakeHttp(['ok', 'ok']);
    await expect(applyApiKey(http, { appName: '新应用' })).resolves.toEqual([{ id: 'old-1', appName: '旧应用' }]);
  });
});
