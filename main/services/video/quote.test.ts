import { describe, expect, it } from 'vitest';
import type { VideoModel } from '../../../preload/contract/models/video';
import type { TaskRecord } from '../tasks/types';
import { balanceCheck } from './quote';

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
