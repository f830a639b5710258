/** Switch defaults (the observed form; for unconfirmed items the Spec form) and validation. */
import type { Switches } from './types.ts';

export const DEFAULT_SWITCHES: Readonly<Switches> = Object.freeze({
  smsRequiresLogin: false,
  chooseIncludesKey: false,
  registration: 'open',
  loginEmptyBody: false,
  loginIncludesPassword: true,
  smsFailure: null,
  rechargeUrlKey: 'redirct',
  paymentUrlMode: 'local',
  downappsNameKey: 'name',
  downappsError: false,
  applyReturnsRecord: false,
  apikeyKey: 'apikey',
  appNameKey: 'name',
  balanceShape: 'list',
  priceShape: 'full',
  priceError: false,
  ordersUsageKey: 'usages',
  ordersEmptyBody: false,
  modelsError: false,
  inputFieldsAsString: false,
  modelsCarryPpid: false,
  tasksShape: 'observed',
  ioinfoAsString: false,
  taskStatusKey: 'resposne',
  tasksUnderFirstCatalog: true,
  statusOldTasks500: false,
  taskOutcome: 'succeed',
  streamForm: 'single',
  streamFailure: null,
  pricingAccess: 'all',
  pricingResult: 'number',
  logoutWidget: true,
  resultUrlExpires: null,
  mediaKind: 'pseudo',
});

type Allowed = { [K in keyof Switches]: readonly Switches[K][] };

const BOOL = [true, false] as const;

/** The allowed values of every switch; the first one is not necessarily the default. */
export const SWITCH_VALUES: Allowed = {
  smsRequiresLogin: BOOL,
  chooseIncludesKey: BOOL,
  registration: ['open', 'closed', 'exists'],
  loginEmptyBody: BOOL,
  loginIncludesPassword: BOOL,
  smsFailure: [null, 'plain', 'detail'],
  rechargeUrlKey: ['redirct', 'redirect', 'url'],
  paymentUrlMode: ['local', 'alipay'],
  downappsNameKey: ['name', 'appname'],
  downappsError: BOOL,
  applyReturnsRecord: BOOL,
  apikeyKey: ['apikey', 'aapikey'],
  appNameKey: ['name', 'appname'],
  balanceShape: ['list', 'object', 'number'],
  priceShape: ['full', 'priceOnly'],
  priceError: BOOL,
  ordersUsageKey: ['usages', 'usage'],
  ordersEmptyBody: BOOL,
  modelsError: BOOL,
  inputFieldsAsString: BOOL,
  modelsCarryPpid: BOOL,
  tasksShape: ['observed', 'spec'],
  ioinfoAsString: BOOL,
  taskStatusKey: ['resposne', 'response'],
  tasksUnderFirstCatalog: BOOL,
  statusOldTasks500: BOOL,
  taskOutcome: ['succeed', 'moderation', 'lostTrack', 'unknown', 'billingFailed'],
  streamForm: ['single', 'lines', 'glued'],
  streamFailure: [null, 'vendorError', 'vendorErrorThenReset', 'modelNotFound', 'resetAfterTaskid'],
  pricingAccess: ['all', 'forbidden'],
  pricingResult: ['number', 'list'],
  logoutWidget: BOOL,
  resultUrlExpires: [null, '5s', '1h', '24h'],
  mediaKind: ['pseudo', 'playable'],
};

function isSwitchName(name: string): name is keyof Switches {
  return Object.prototype.hasOwnProperty.call(SWITCH_VALUES, name);
}

/** Validates a partial switch set (from code, JSON or the CLI); throws on unknown names or values. */
export function validateSwitches(input: unknown): Partial<Switches> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error('switches must be an object');
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!isSwitchName(name)) throw new Error(`unknown switch '${name}'`);
    const allowed: readonly unknown[] = SWITCH_VALUES[name];
    if (!allowed.includes(value)) {
      throw new Error(`switch '${name}' must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    out[name] = value;
  }
  return out as Partial<Switches>;
}

/** Parses a CLI `key=value` pair: true/false/null become their JSON values, anything else a string. */
export function parseSwitchArg(arg: string): Partial<Switches> {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new Error(`--switch expects key=value, got '${arg}'`);
  const name = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1).trim();
  const value: unknown = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : raw;
  return validateSwitches({ [name]: value });
}
