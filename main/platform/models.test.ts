/** §3.12 models (with §10.5 form normalisation) and §3.8 quotes, against the simulator and pure. */
import { describe, expect, it } from 'vitest';
import { MODEL, PPID } from '../../simulator/index';
import { fallbackFields, modelFields, normaliseField } from './model-fields';
import { decodeModels, fetchVideoModels } from './models';
import { decodeQuote, fetchQuote } from './price';
import { AppError } from '../lib/errors';
import { scriptedHttp } from '../testing/scripted-http';
import { useSignedInSimulator } from '../testing/signed-in-sim';

const env = useSignedInSimulator();
const control = () => env.sim().control;
const http = () => env.http();

describe('fetchVideoModels against the simulator', () => {
  it('asks with the Chinese catalog name and keeps max_cost, min_balance and the server form', async () => {
    const models = await fetchVideoModels(http(), 'i2v');
    expect(control().requests().at(-1)?.query).toEqual({ type: '图生视频' });
    expect(models.map((m) => m.id).sort()).toEqual([MODEL.q3I2v, MODEL.q3Turbo].sort());
    const turbo = models.find((m) => m.id === MODEL.q3Turbo);
    expect(turbo).toMatchObject({ catalog: 'i2v', minBalance: 10, maxCost: 10, fieldsAreFallback: false });
    expect(turbo?.fields.map((f) => f.name)).toContain('image_file');
  });

  it('keeps the model\'s prompt maxlength (the simulator\'s Vidu Q3 states 2000)', async () => {
    const q3 = (await fetchVideoModels(http(), 't2v')).find((m) => m.id === MODEL.q3Pro);
    expect(q3?.fields.find((f) => f.name === 'prompt')).toMatchObject({ uitype: 'str', required: true, maxLength: 2000 });
  });

  it('input_fields as JSON text give the same form', async () => {
    const asList = await fetchVideoModels(http(), 't2v');
    control().setSwitches({ inputFieldsAsString: true });
    expect(await fetchVideoModels(http(), 't2v')).toEqual(asList);
  });

  it('keeps a pricing-program id only when the record names one (§3.15)', async () => {
    expect((await fetchVideoModels(http(), 'i2v')).every((m) => m.ppid === undefined)).toBe(true);
    control().setSwitches({ modelsCarryPpid: true });
    const models = await fetchVideoModels(http(), 'i2v');
    expect(models.find((m) => m.id === MODEL.q3Turbo)?.ppid).toBe(PPID.q3TurboI2v);
    expect(models.find((m) => m.id === MODEL.q3I2v)?.ppid).toBe(PPID.q3I2v);
  });

  it('server error is an app error', async () => {
    control().setSwitches({ modelsError: true });
    await expect(fetchVideoModels(http(), 'r2v')).rejects.toMatchObject({ code: 'app', message: 'server error' });
  });
});

describe('decodeModels (§10.5)', () => {
  const base = { id: 'M1', name: 'Vidu', model: 'viduq3', min_balance: '10', status: 'published' };
  it('hides withdrawn models, keeps models without a status, drops items without id', () => {
    const models = decodeModels([{ ...base }, { ...base, id: 'M2', status: 'offline' }, { id: 'M3' }, { name: 'no id' }, 'junk', null], 't2v');
    expect(models.map((m) => m.id)).toEqual(['M1', 'M3']);
    expect(models[0]).toMatchObject({ minBalance: 10, maxCost: null });
  });
  it.each([[null], [{}], ['{}'], ['not json'], [[]], [[{ name: 'model' }, { name: 'transno' }]]])('input_fields %j → documented fallback', (inputFields) => {
    const [model] = decodeModels([{ ...base, input_fields: inputFields }], 'r2v');
    expect(model?.fieldsAreFallback).toBe(true);
    expect(model?.fields).toEqual(fallbackFields('r2v'));
    expect(model?.fields[0]).toMatchObject({ name: 'images', multiple: true, max: 7 });
  });
  it('refuses a non-list answer', () => {
    expect(() => decodeModels({ a: 1 }, 't2v')).toThrow(expect.objectContaining({ code: 'malformed', message: '模型列表格式无法识别 / Unrecognised model list' }));
    expect(decodeModels(null, 't2v')).toEqual([]);
  });
});

describe('modelFields / normaliseField', () => {
  it('one shape: default value spellings, flags, bounds, options with label fallback, unknown uitype', () => {
    expect(normaliseField({ name: 'duration', label: '时长', uitype: 'int', defaultvalue: 5, min: '1', max: 10, required: 'true' })).toEqual({
      name: 'duration', label: '时长', uitype: 'int', defaultValue: 5, min: 1, max: 10, required: true, readonly: false, multiple: false,
    });
    expect(normaliseField({ name: 'r', uitype: 'CODE', defaultValue: '720p', data: '[{"value": "720p", "text": "高清"}, {"value": "1080p"}]' })).toMatchObject({
      label: 'r', uitype: 'code', defaultValue: '720p', options: [{ value: '720p', label: '高清' }, { value: '1080p', label: '1080p' }],
    });
    expect(normaliseField({ name: 'x', uitype: 'slider', dataurl: '/a.dspy', valueField: 'id', textField: 'name' })).toMatchObject({
      uitype: 'str', rawUitype: 'slider', dataUrl: '/a.dspy', valueField: 'id', textField: 'name',
    });
  });
  it('a text field\'s length limit: maxlength (any spelling) or its max, a positive whole number, on text fields only', () => {
    expect(normaliseField({ name: 'prompt', uitype: 'str', maxlength: 2000 })?.maxLength).toBe(2000);
    expect(normaliseField({ name: 'title', uitype: 'text', maxLength: '30' })?.maxLength).toBe(30);
    expect(normaliseField({ name: 'title', uitype: 'str', max_length: 12 })?.maxLength).toBe(12);
    expect(normaliseField({ name: 'title', uitype: 'str', max: 40 })).toMatchObject({ max: 40, maxLength: 40 });
    expect(normaliseField({ name: 'title', uitype: 'slider', maxlength: 8 })?.maxLength).toBe(8);
    for (const bad of [0, -3, 2.5, 'many', null]) expect(normaliseField({ name: 'title', uitype: 'str', maxlength: bad })?.maxLength).toBeUndefined();
    expect(normaliseField({ name: 'duration', uitype: 'int', max: 10, maxlength: 3 })?.maxLength).toBeUndefined();
    expect(normaliseField({ name: 'images', uitype: 'file', multiple: true, max: 7 })?.maxLength).toBeUndefined();
    expect(fallbackFields('t2v').find((f) => f.name === 'prompt')).toMatchObject({ maxLength: 1500 });
  });

  it('drops hidden names (any case) and nameless descriptors; keeps uitype hidden fields', () => {
    for (const name of ['model', 'transno', 'callbackurl', 'llmid', 'LLMCATELOGID']) expect(normaliseField({ name })).toBeNull();
    expect(normaliseField({ label: 'x' })).toBeNull();
    expect(normaliseField({ name: 'seed', uitype: 'hidden', value: 7 })).toMatchObject({ uitype: 'hidden', defaultValue: 7 });
  });
  it('图生视频 without an image field gets image_file first; with one it does not', () => {
    const t2vForm = [{ name: 'prompt', uitype: 'str' }, { name: 'duration', uitype: 'int' }];
    expect(modelFields(t2vForm, 'i2v').fields.map((f) => f.name)).toEqual(['image_file', 'prompt', 'duration']);
    expect(modelFields(t2vForm, 't2v').fields.map((f) => f.name)).toEqual(['prompt', 'duration']);
    const withImage = [{ name: 'first_frame', uitype: 'file', accept: 'image/*' }, { name: 'prompt' }];
    expect(modelFields(withImage, 'i2v').fields.map((f) => f.name)).toEqual(['first_frame', 'prompt']);
  });
});

describe('quotes (§3.8)', () => {
  it('full shape: list price and customer price (90 %)', async () => {
    const quote = await fetchQuote(http(), MODEL.q3Pro, { duration: 5, SR: 1080 });
    expect(quote).toEqual({ llmid: MODEL.q3Pro, configData: { duration: 5, SR: 1080 }, listPrice: 5, price: 4.5 });
    expect(control().requests().at(-1)?.body).toEqual({ product_type: 'llm', product_id: MODEL.q3Pro, config_data: { duration: 5, SR: 1080 } });
  });
  it('price only: the list price is the price', async () => {
    control().setSwitches({ priceShape: 'priceOnly' });
    expect(await fetchQuote(http(), MODEL.q3Pro, { duration: 5, SR: 1080 })).toMatchObject({ listPrice: 4.5, price: 4.5 });
  });
  it('an unpriceable dict: a short bilingual message, the raw text kept as detail', async () => {
    control().setSwitches({ priceError: true });
    await expect(fetchQuote(http(), MODEL.q3Pro, { duration: 5, SR: 1080 })).rejects.toMatchObject({
      code: 'app', message: expect.stringContaining('No price'), detail: expect.stringMatching(/^product_id=/),
    });
  });
  it('decodeQuote: a bare number, numeric strings; no price is malformed', () => {
    expect(decodeQuote(3, 'L', {})).toMatchObject({ listPrice: 3, price: 3 });
    expect(decodeQuote({ price: '4.5', list_price: '5' }, 'L', {})).toMatchObject({ listPrice: 5, price: 4.5 });
    expect(() => decodeQuote({ list_price: 5 }, 'L', {})).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
  it('decodeQuote: a price of 0 is a price (free), a list price that is not money falls back to the price', () => {
    expect(decodeQuote({ price: 0 }, 'L', { d: 1 })).toEqual({ llmid: 'L', configData: { d: 1 }, listPrice: 0, price: 0 });
    expect(decodeQuote({ price: 2, list_price: 'n/a' }, 'L', {})).toMatchObject({ listPrice: 2, price: 2 });
    expect(() => decodeQuote(null, 'L', {})).toThrow(expect.objectContaining({ code: 'malformed', message: expect.stringContaining('Unrecognised price answer') }));
  });
  it('only the pricing program\'s own failure text becomes "no price"; other failures pass unchanged', async () => {
    const other = new AppError('app', 'llm not found');
    await expect(fetchQuote(scriptedHttp(() => { throw other; }), 'L', {})).rejects.toBe(other);
    const notApp = new AppError('server', "product_id='L'");
    await expect(fetchQuote(scriptedHttp(() => { throw notApp; }), 'L', {})).rejects.toBe(notApp);
    const bug = new Error("product_id='L'");
    await expect(fetchQuote(scriptedHttp(() => { throw bug; }), 'L', {})).rejects.toBe(bug);
    const priced = new AppError('app', "product_id='L', config_data={}, e=x");
    await expect(fetchQuote(scriptedHttp(() => { throw priced; }), 'L', {})).rejects.toMatchObject({ code: 'app', cause: priced, detail: priced.message });
  });
});

describe('decodeModel details', () => {
  const base = { id: 'M1', name: 'Vidu', status: 'Published' };
  it('status in any case; text fields trimmed to nothing fall back; the icon and price program when present', () => {
    const [model] = decodeModels([{ ...base, name: ' ', model: 'viduq3', description: 'd', iconid: 'I1', max_cost: 12, ppid: 'P1' }], 't2v');
    expect(model).toMatchObject({ id: 'M1', name: 'M1', model: 'viduq3', description: 'd', catalog: 't2v', iconId: 'I1', ppid: 'P1', maxCost: 12, minBalance: null });
    const [plain] = decodeModels([{ id: 'M2', iconid: '', ppid: '' }], 'i2v');
    expect(plain).toMatchObject({ name: 'M2', model: '', description: '' });
    expect(plain).not.toHaveProperty('iconId');
    expect(plain).not.toHaveProperty('ppid');
  });
  it('the same model twice is shown once (the first)', () => {
    expect(decodeModels([{ ...base, name: 'A' }, { ...base, name: 'B' }], 't2v').map((m) => m.name)).toEqual(['A']);
  });
  it('an undefined answer is no models', () => {
    expect(decodeModels(undefined, 't2v')).toEqual([]);
  });
});
