/** §3.15 pricing-program test: what the user is shown for each answer shape, and the 403. */
import { describe, expect, it } from 'vitest';
import { PPID } from '../../simulator/index';
import { AppError } from '../lib/errors';
import { scriptedHttp } from '../testing/scripted-http';
import { useSignedInSimulator } from '../testing/signed-in-sim';
import { PRICING_TEST_PATH, testPricingProgram } from './pricing';

const env = useSignedInSimulator();
const usage = { duration: 5, SR: 1080 };

describe('testPricingProgram against the simulator', () => {
  it('a number result is the amount; the request carries the program and the usage', async () => {
    const result = await testPricingProgram(env.http(), PPID.q3ProT2v, usage);
    expect(result).toEqual({ ppid: PPID.q3ProT2v, amount: expect.any(Number) });
    expect(result.amount).toBeGreaterThan(0);
    const request = env.sim().control.requests().at(-1);
    expect(request?.path).toBe(PRICING_TEST_PATH);
    expect(request?.body).toEqual({ ppid: PPID.q3ProT2v, data: usage });
  });

  it('a list result: the items by name and amount, their sum, and never the platform cost', async () => {
    const asNumber = await testPricingProgram(env.http(), PPID.q3ProT2v, usage);
    env.sim().control.setSwitches({ pricingResult: 'list' });
    const result = await testPricingProgram(env.http(), PPID.q3ProT2v, usage);
    expect(result).toEqual({ ppid: PPID.q3ProT2v, amount: asNumber.amount, items: [{ name: '视频生成', amount: asNumber.amount }] });
  });

  it('a 403: "no permission" in both languages, the status kept', async () => {
    env.sim().control.setSwitches({ pricingAccess: 'forbidden' });
    await expect(testPricingProgram(env.http(), PPID.q3ProT2v, usage)).rejects.toMatchObject({
      code: 'forbidden', httpStatus: 403, message: '没有权限使用定价测试 / No permission to test pricing programs',
    });
  });
});

describe('testPricingProgram answer shapes', () => {
  const run = (answer: unknown) => testPricingProgram(scriptedHttp(() => answer), 'P1', {});

  it('a bare number (no envelope record) and a zero amount are results', async () => {
    await expect(run(3.5)).resolves.toEqual({ ppid: 'P1', amount: 3.5 });
    await expect(run({ result: 0 })).resolves.toEqual({ ppid: 'P1', amount: 0 });
  });

  it('items: summed without float noise, unnamed items kept without a name, a null amount counts 0', async () => {
    const result = await run({ result: [{ name: 'a', amount: 1.1, cost: 0.5 }, { amount: 2.2 }, { name: 'c', amount: 2, extra: 1 }, { name: 'free', amount: null }] });
    expect(result).toEqual({ ppid: 'P1', amount: 5.3, items: [{ name: 'a', amount: 1.1 }, { amount: 2.2 }, { name: 'c', amount: 2 }, { name: 'free', amount: 0 }] });
  });

  it('a name that is not text is left out, the amount kept', async () => {
    await expect(run({ result: [{ name: 7, amount: 1 }] })).resolves.toEqual({ ppid: 'P1', amount: 1, items: [{ amount: 1 }] });
  });

  it.each([
    ['no result', {}],
    ['a numeric string', { result: '3' }],
    ['not finite', { result: Number.NaN }],
    ['an item without amount', { result: [{ name: 'a', amount: 1 }, { name: 'b' }] }],
    ['an item with a text amount', { result: [{ name: 'a', amount: '1' }] }],
    ['an item with an infinite amount', { result: [{ name: 'a', amount: Number.POSITIVE_INFINITY }] }],
    ['an item that is not a record', { result: [3] }],
    ['null', null],
  ])('%s: unrecognised (malformed)', async (_label, answer) => {
    await expect(run(answer)).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('Unrecognised pricing test result') });
  });

  it('failures other than 403 pass through unchanged', async () => {
    const app = new AppError('app', 'pricing program(P1) not found');
    await expect(testPricingProgram(scriptedHttp(() => { throw app; }), 'P1', {})).rejects.toBe(app);
    const bug = new Error('boom');
    await expect(testPricingProgram(scriptedHttp(() => { throw bug; }), 'P1', {})).rejects.toBe(bug);
  });

  it('the 403 keeps the original error as its cause', async () => {
    const forbidden = new AppError('forbidden', 'x', { httpStatus: 403 });
    await expect(testPricingProgram(scriptedHttp(() => { throw forbidden; }), 'P1', {})).rejects.toMatchObject({ cause: forbidden, httpStatus: 403 });
  });
});
