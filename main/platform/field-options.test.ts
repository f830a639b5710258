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
});
