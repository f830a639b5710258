/** dataurl options (§10.5): only platform paths are followed (the session cookie goes with them). */
import { describe, expect, it } from 'vitest';
import type { FieldDescriptor } from '../../preload/contract/models/video';
import { decodeFieldOptions, fetchFieldOptions, platformPath } from './field-options';
import type { PlatformHttp } from './types';

const field: FieldDescriptor = { name: 'style', label: '风格', uitype: 'code', required: false, readonly: false, multiple: false, dataUrl: '/llmage/styles.dspy?kind=video', valueField: 'k', textField: 'n' };

describe('field options', () => {
  it('follows relative and same-origin paths only', () => {
    expect(platformPath('/a/b.dspy?x=1', 'https://p.example')).toEqual({ path: '/a/b.dspy', query: { x: '1' } });
    expect(platformPath('https://p.example/a.dspy', 'https://p.example')).toEqual({ path: '/a.dspy', query: {} });
    expect(platformPath('https://evil.example/a.dspy', 'https://p.example')).toBeNull();
    expect(platformPath('//evil.example/a.dspy', 'https://p.example')).toBeNull();
    expect(platformPath('/a', null)).toBeNull();
  });

  it('reads lists of records with the field’s valueField/textField, of plain values, or inside rows', () => {
    expect(decodeFieldOptions([{ k: 'a', n: '甲' }, { k: 2 }, { n: 'no value' }], field)).toEqual([{ value: 'a', label: '甲' }, { value: 2, label: '2' }]);
    expect(decodeFieldOptions({ rows: ['x'] }, {})).toEqual([{ value: 'x', label: 'x' }]);
    expect(decodeFieldOptions('junk', {})).toEqual([]);
  });

  it('fetches through the session client, and refuses another host', async () => {
    const asked: unknown[] = [];
    const http: PlatformHttp = {
      get: async (path, query) => {
        asked.push([path, query]);
        return { kind: 'ok', data: [{ k: 'cinema', n: '电影感' }] };
      },
      post: async () => ({ kind: 'ok', data: null }),
      baseUrl: () => 'https://p.example',
    };
    expect(await fetchFieldOptions(http, field)).toEqual([{ value: 'cinema', label: '电影感' }]);
    expect(asked).toEqual([['/llmage/styles.dspy', { kind: 'video' }]]);
    await expect(fetchFieldOptions(http, { ...field, dataUrl: 'https://evil.example/x' })).rejects.toMatchObject({ code: 'url_refused' });
  });

  it('refuses a dataurl that is not a URL, carries credentials, or has no platform to belong to', () => {
    expect(platformPath('http://[broken', 'https://p.example')).toBeNull();
    expect(platformPath('https://user@p.example/a.dspy', 'https://p.example')).toBeNull();
    expect(platformPath('https://:secret@p.example/a.dspy', 'https://p.example')).toBeNull();
    expect(platformPath('/a.dspy', '')).toBeNull();
    expect(platformPath('http://p.example/a.dspy', 'https://p.example')).toBeNull();
  });

  it('reads a list under data, the default keys and their fallbacks (value, then id; text, then label)', () => {
    expect(decodeFieldOptions({ data: [{ value: 'v', text: 'T' }] }, {})).toEqual([{ value: 'v', label: 'T' }]);
    expect(decodeFieldOptions({ rows: 'no', data: ['d'] }, {})).toEqual([{ value: 'd', label: 'd' }]);
    expect(decodeFieldOptions({ rows: 'no', data: 'no' }, {})).toEqual([]);
    expect(decodeFieldOptions([{ id: 7, label: 'L' }, { value: 0, id: 9 }, { value: false }], {})).toEqual([{ value: 7, label: 'L' }, { value: 0, label: '0' }, { value: false, label: 'false' }]);
    expect(decodeFieldOptions([{ k: null, value: 'fallback', n: ' ', text: 'T' }], field)).toEqual([{ value: 'fallback', label: 'T' }]);
    expect(decodeFieldOptions([{ value: [1] }, null, { value: 'ok' }], {})).toEqual([{ value: 'ok', label: 'ok' }]);
  });

  it('answers a field’s own options without asking when it has no dataurl', async () => {
    const http: PlatformHttp = {
      get: async () => {
        throw new Error('no request expected');
      },
      post: async () => ({ kind: 'ok', data: null }),
      baseUrl: () => 'https://p.example',
    };
    const own = { ...field, dataUrl: undefined, options: [{ value: 'a', label: 'A' }] };
    expect(await fetchFieldOptions(http, own)).toEqual([{ value: 'a', label: 'A' }]);
    expect(await fetchFieldOptions(http, { ...own, options: undefined })).toEqual([]);
    await expect(fetchFieldOptions(http, { ...field, dataUrl: 'https://evil.example/x' })).rejects.toMatchObject({
      code: 'url_refused', message: '选项地址不在平台上：style / The options of “style” are not on the platform',
    });
  });
});
