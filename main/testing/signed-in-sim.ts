/**
 * Test helper for the video modules: one simulator per test file, signed in once, with
 * switches, faults, the request log and the balance reset before every test. Tests only.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index';
import type { PlatformHttpClient } from '../platform/http';
import { createTestHttp, signIn } from './simple-http';

export interface SignedInSim<H extends PlatformHttpClient> {
  sim(): Simulator;
  http(): H;
}

export const DEMO_PHONE = '13900000001';
const DEMO_BALANCE = 126.5;

export function useSignedInSimulator<H extends PlatformHttpClient = ReturnType<typeof createTestHttp>>(
  options: SimulatorOptions = {},
  makeHttp: (url: string) => H = createTestHttp as unknown as (url: string) => H,
): SignedInSim<H> {
  let sim: Simulator | null = null;
  let http: H | null = null;
  beforeAll(async () => {
    sim = await startSimulator({ ...options, port: 0, quiet: true });
    http = makeHttp(sim.url);
    await signIn(http);
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    if (!sim) return;
    sim.control.resetSwitches();
    sim.control.clearFaults();
    sim.control.clearRequests();
    sim.control.setBalance({ phone: DEMO_PHONE, balance: DEMO_BALANCE });
  });
  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new Error(`${what} is used before beforeAll ran`);
    return value;
  };
  return { sim: () => need(sim, 'the simulator'), http: () => need(http, 'the client') };
}
