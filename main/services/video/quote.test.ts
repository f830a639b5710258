import { describe, expect, it } from 'vitest';
import type { VideoModel } from '../../../preload/contract/models/video';
import type { PlatformHttp } from '../../platform/types';
import type { TaskRecord } from '../tasks/types';
import { balanceCheck, configData, quoteFor } from './quote';

const model = (over: Partial<VideoModel> = {}): VideoModel => ({
  id: 'm1',
  name: 'Vidu Q3',
  model: 'viduq3',
  description: '',
  catalog: 't2v',
  minBalance: null,
  maxCost: null,
  fields: [],
  fieldsAreFallback: false,
  ...over,
});

describe('balanceCheck (§10.6)', () => {
  it('reserves the max cost per task and says so, with the quote kept for the message', () => {
    // The case: ¥36.50, three ¥4.50 tasks of a model that has charged up to ¥16.
    const check = balanceCheck({ balance: 36.5, model: model({ maxCost: 16, minBalance: 1 }), quotedPrice: 4.5, count: 3, running: [] });
    expect(check).toEqual({ balance: 36.5, each: 16, reserveReason: 'max_cost', count: 3, quotedPrice: 4.5, needed: 48, heldByRunning: 0, missing: 11.5 });
  });

  it('names min_balance when it is the largest, and the quote when the price itself decides', () => {
    expect(balanceCheck({ balance: 0, model: model({ maxCost: 2, minBalance: 10 }), quotedPrice: 3, running: [] })).toMatchObject({ each: 10, reserveReason: 'min_balance', count: 1, needed: 10 });
    expect(balanceCheck({ balance: 0, model: model({ maxCost: 3, minBalance: 1 }), quotedPrice: 3, running: [] })).toMatchObject({ each: 3, reserveReason: 'quote' });
  });

  it('adds the quotes of this account’s running tasks', () => {
    const running = [{ taskid: 't1', origin: 'local', quotedPrice: 2.5 }] as TaskRecord[];
    const check = balanceCheck({ balance: 5, model: model(), quotedPrice: 4, running });
    expect(check).toMatchObject({ needed: 4, heldByRunning: 2.5, missing: 1.5 });
  });
});

describe('balanceCheck: ties, counts and money', () => {
  it('lets the quote win a tie with max_cost, and max_cost a tie with min_balance', () => {
    expect(balanceCheck({ balance: 100, model: model({ maxCost: 5, minBalance: 5 }), quotedPrice: 5, running: [] })).toMatchObject({ each: 5, reserveReason: 'quote' });
    expect(balanceCheck({ balance: 100, model: model({ maxCost: 5, minBalance: 5 }), quotedPrice: 4, running: [] })).toMatchObject({ each: 5, reserveReason: 'max_cost' });
    expect(balanceCheck({ balance: 100, model: model({ maxCost: 5, minBalance: 6 }), quotedPrice: 5.5, running: [] })).toMatchObject({ each: 6, reserveReason: 'min_balance' });
  });

  it('without a quote reserves the model’s own figures, and keeps no quotedPrice', () => {
    const check = balanceCheck({ balance: 100, model: model({ maxCost: 16, minBalance: 10 }), running: [] });
    expect(check).toStrictEqual({ balance: 100, each: 16, reserveReason: 'max_cost', count: 1, needed: 16, heldByRunning: 0, missing: 0 });
    expect(balanceCheck({ balance: 100, model: model(), running: [] })).toMatchObject({ each: 0, reserveReason: 'quote', needed: 0 });
  });

  it('counts at least one task', () => {
    expect(balanceCheck({ balance: 0, model: model({ maxCost: 3 }), count: 0, running: [] })).toMatchObject({ count: 1, needed: 3, missing: 3 });
  });

  it('holds only for this client’s running tasks that have a taskid, unpriced ones at nothing', () => {
    const running = [
      { taskid: 't1', origin: 'local', quotedPrice: 1.1 },
      { taskid: 't2', origin: 'local' },
      { origin: 'local', quotedPrice: 50 },
      { taskid: 't3', origin: 'adopted', quotedPrice: 50 },
      { taskid: 't4', origin: 'local', quotedPrice: 2.2 },
    ] as TaskRecord[];
    expect(balanceCheck({ balance: 10, model: model(), quotedPrice: 0.1, running })).toMatchObject({ heldByRunning: 3.3, needed: 0.1, missing: 0 });
  });

  it('rounds money to cents so 0.1 + 0.2 asks for nothing more than 0.3', () => {
    expect(balanceCheck({ balance: 0.3, model: model(), quotedPrice: 0.1, running: [{ taskid: 't', origin: 'local', quotedPrice: 0.2 }] as TaskRecord[] })).toMatchObject({ missing: 0 });
    expect(balanceCheck({ balance: 0, model: model(), quotedPrice: 0.1, count: 3, running: [] })).toMatchObject({ needed: 0.3, missing: 0.3 });
    expect(balanceCheck({ balance: 0.29, model: model(), quotedPrice: 0.1, count: 3, running: [] }).missing).toBe(0.01);
  });
});

describe('configData (§3.8 / §6 guess)', () => {
  const form = model({ fields: [
    { name: 'duration', label: '时长', uitype: 'int', defaultValue: 5, required: false, readonly: false, multiple: false },
    { name: 'resolution', label: '分辨率', uitype: 'code', defaultValue: '1080p', required: false, readonly: false, multiple: false },
  ] });

  it('takes the duration and the resolution’s number from the values, else from the form’s defaults', () => {
    expect(configData(form, {})).toEqual({ duration: 5, SR: 1080 });
    expect(configData(form, { duration: '8', resolution: ' 720P ' })).toEqual({ duration: 8, SR: 720 });
    expect(configData(form, { resolution: '540' })).toEqual({ duration: 5, SR: 540 });
  });

  it('leaves out what is not a number', () => {
    expect(configData(form, { duration: 'long', resolution: '4k' })).toEqual({});
    expect(configData(form, { resolution: 'p1080' })).toEqual({ duration: 5 });
    expect(configData(model(), {})).toEqual({});
  });
});

describe('quoteFor', () => {
  it('asks the platform with the model id and the built config, and refuses without a duration', async () => {
    const asked: unknown[] = [];
    const http: PlatformHttp = {
      get: async () => ({ kind: 'ok', data: null }),
      post: async (path, body) => {
        asked.push([path, body]);
        return { kind: 'ok', data: { price: 4.5, list_price: 5 } };
      },
      baseUrl: () => 'https://p.example',
    };
    expect(await quoteFor(http, model(), { duration: 5, resolution: '1080p' })).toEqual({ llmid: 'm1', configData: { duration: 5, SR: 1080 }, listPrice: 5, price: 4.5 });
    expect(asked).toEqual([['/platformbiz/product_query_price.dspy', { product_type: 'llm', product_id: 'm1', config_data: { duration: 5, SR: 1080 } }]]);
    await expect(quoteFor(http, model(), { resolution: '1080p' })).rejects.toMatchObject({ code: 'invalid_input', message: '请先填写时长 / Set a duration to see the price' });
    expect(asked).toHaveLength(1);
  });
});
