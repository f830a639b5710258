/**
 * One source for the rules both sides check: the renderer to answer at once, main because it
 * treats the renderer as untrusted. Plain values only (no zod): the renderer bundle imports this.
 */

/** A mainland mobile number: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1\d{10}$/;
export const PHONE_LENGTH = 11;

/** The SMS code: 4–8 digits (platform-api.md §2.2; deployments differ in length). */
export const SMS_CODE_PATTERN = /^\d{4,8}$/;
export const SMS_CODE_MAX_LENGTH = 8;

/** One recharge, in CNY: 0.01–50 000 with at most two decimals (platform-api.md §3.3, §7). */
export const RECHARGE_MIN_AMOUNT = 0.01;
export const RECHARGE_MAX_AMOUNT = 50_000;
export const RECHARGE_MAX_DECIMALS = 2;
export const RECHARGE_PRESETS = [50, 100, 200, 500] as const;

/**
 * At most two decimals, exactly: the amount must equal itself rounded to fen. No tolerance —
 * with one, 1e-9 or 10.000000001 passed and were then rounded into another amount than asked.
 */
export function hasRechargeDecimals(amount: number): boolean {
  return Number.isFinite(amount) && Number(amount.toFixed(RECHARGE_MAX_DECIMALS)) === amount;
}

/** The whole recharge rule, the same in renderer and main. */
export function isRechargeAmount(amount: number): boolean {
  return hasRechargeDecimals(amount) && amount >= RECHARGE_MIN_AMOUNT && amount <= RECHARGE_MAX_AMOUNT;
}

/** Orders pages: the menu's sizes, and the bounds `?pageSize=` (the scroll benchmark) may use. */
export const ORDERS_DEFAULT_PAGE_SIZE = 80;
export const ORDERS_PAGE_SIZES = [20, 50, 80, 200, 500] as const;
export const ORDERS_MIN_PAGE_SIZE = 10;
export const ORDERS_MAX_PAGE_SIZE = 10_000;

/** The balance under which the header warns, until the user sets another. */
export const LOW_BALANCE_DEFAULT = 20;
export const LOW_BALANCE_MAX = 1_000_000;

/** Downstream-app applications (counted in UTF-16 units on both sides). */
export const APP_NAME_MAX_LENGTH = 64;
export const APP_DESCRIPTION_MAX_LENGTH = 200;

/** Download file names (issue 8): the default template and its placeholders. */
export const DEFAULT_FILE_NAME_TEMPLATE = '{date}_{model}_{prompt}_{taskid}';
export const FILE_NAME_PLACEHOLDERS = ['date', 'time', 'model', 'prompt', 'taskid', 'catalog'] as const;

/**
 * Video forms (platform-api.md §10.5, §3.11), when the model's own fields state nothing: Vidu's
 * prompt limit in characters, and how many reference images a reference-to-video field takes.
 */
export const VIDU_PROMPT_MAX_LENGTH = 1500;
export const REFERENCE_IMAGES_MAX = 7;
