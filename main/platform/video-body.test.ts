/**
 * buildVideoBody: what leaves the client for each catalog and image kind (§3.10, §3.11, §10.4) —
 * image counts, https only, JSON vs multipart, and how form values become multipart strings.
 */
import { describe, expect, it } from 'vitest';
import { pngOf } from '../testing/library-files';
import { buildVideoBody, type ImageInput, type VideoSubmission } from './video';

const PNG: ImageInput = { kind: 'file', bytes: pngOf(640, 480), filename: 'cat.png', contentType: 'image/png' };
const url = (u: string): ImageInput => ({ kind: 'url', url: u });
const base = { llmid: 'L', transno: 'T', prompt: 'p' };
const FIXED = { llmid: 'L', prompt: 'p', transno: 'T' };

function multipart(submission: VideoSubmission): FormData {
  const body = buildVideoBody(submission);
  if (!('multipart' in body)) throw new Error('expected a multipart body');
  return body.multipart;
}

describe('image count per catalog, refused before sending', () => {
  it.each([
    ['t2v', 1, '0–0'],
    ['i2v', 0, '1–1'],
    ['i2v', 2, '1–1'],
    ['r2v', 0, '1–7'],
    ['r2v', 8, '1–7'],
  ] as const)('%s with %i images: invalid_input saying how many are needed (%s)', (catalog, count, needed) => {
    const images = Array.from({ length: count }, (_, i) => url(`https://img.example/${i}.png`));
    expect(() => buildVideoBody({ ...base, catalog, images })).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining(`需要 ${needed} 张`) }));
  });

  it('r2v takes up to seven references, i2v exactly one', () => {
    const seven = Array.from({ length: 7 }, (_, i) => url(`https://img.example/${i}.png`));
    expect(buildVideoBody({ ...base, catalog: 'r2v', images: seven })).toEqual({ json: { images: seven.map((i) => (i.kind === 'url' ? i.url : '')), llmcatelogid: 'r2v', ...FIXED } });
    expect(buildVideoBody({ ...base, catalog: 'i2v', images: [url('https://img.example/a.png')] })).toEqual({ json: { image_file: 'https://img.example/a.png', llmcatelogid: 'i2v', ...FIXED } });
  });
});

describe('image URLs', () => {
  it('must start with https:// (any case); an https address later in an http URL does not count', () => {
    expect(buildVideoBody({ ...base, catalog: 'i2v', images: [url('HTTPS://IMG.example/a.png')] })).toMatchObject({ json: { image_file: 'HTTPS://IMG.example/a.png' } });
    for (const bad of ['http://img.example/a.png', 'http://proxy.example/?u=https://img.example/a.png', ' https://img.example/a.png']) {
      expect(() => buildVideoBody({ ...base, catalog: 'i2v', images: [url(bad)] })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    }
  });
});

describe('JSON body (no local file)', () => {
  it('t2v: no image key at all; empty form values (null/undefined) left out', () => {
    const body = buildVideoBody({ ...base, catalog: 't2v', fields: { duration: 5, seed: null, ratio: undefined, audio: false } });
    expect(body).toStrictEqual({ json: { duration: 5, audio: false, llmcatelogid: 't2v', ...FIXED } });
  });

  it('a stale image value among the form fields never replaces the images given', () => {
    expect(buildVideoBody({ ...base, catalog: 't2v', fields: { image_file: 'https://old.example/a.png', images: ['https://old.example/b.png'] } })).toStrictEqual({ json: { llmcatelogid: 't2v', ...FIXED } });
  });
});

describe('multipart body (a local file)', () => {
  it('i2v: the file as image_file with its name and type; values as strings: digits, true as 1, false left out, objects as JSON', async () => {
    const form = multipart({ ...base, catalog: 'i2v', images: [PNG], fields: { duration: 4, audio: false, off_peak: true, subjects: [{ id: 1 }], seed: null } });
    const file = form.get('image_file');
    expect(file).toBeInstanceOf(File);
    expect([(file as File).name, (file as File).type, Buffer.from(await (file as File).arrayBuffer())]).toEqual(['cat.png', 'image/png', PNG.kind === 'file' ? Buffer.from(PNG.bytes) : null]);
    expect(Object.fromEntries([...form.entries()].filter(([k]) => k !== 'image_file'))).toEqual({ duration: '4', off_peak: '1', subjects: '[{"id":1}]', llmid: 'L', llmcatelogid: 'i2v', prompt: 'p', transno: 'T' });
  });

  it('the client values win over same-named form fields, each sent once', () => {
    const form = multipart({ ...base, catalog: 'i2v', images: [PNG], fields: { prompt: 'other', image_file: 'https://old.example/a.png' } });
    expect(form.getAll('prompt')).toEqual(['p']);
    expect(form.getAll('image_file')).toHaveLength(1);
    expect(form.get('image_file')).toBeInstanceOf(File);
  });

  it('r2v: files and URLs as repeated images parts, in the order given', () => {
    const form = multipart({ ...base, catalog: 'r2v', images: [PNG, url('https://img.example/c.jpg'), { ...PNG, filename: 'b.png' }] });
    const parts = form.getAll('images').map((p) => (typeof p === 'string' ? p : p.name));
    expect(parts).toEqual(['cat.png', 'https://img.example/c.jpg', 'b.png']);
    expect(form.has('image_file')).toBe(false);
  });
});
