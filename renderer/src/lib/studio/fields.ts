/**
 * The model input form as the studio consumes it: the contract's field descriptors
 * (`preload/contract/models/video.ts`, platform-api.md §10.5) and the pure rules that turn them
 * into a form's first values and into what a submit sends. Main does the normalising
 * (value|defaultvalue|defaultValue → `defaultValue`, `data`/`valueField`/`textField` →
 * `options`, JSON strings parsed, an unknown uitype → 'str' with `rawUitype`).
 */
import type { FieldDescriptor as ContractFieldDescriptor, FieldOption, FieldUiType } from '@contract';

export type { FieldOption, FieldUiType };

/** The `uitype` words the platform's form library knows (§10.5). Any other word is a text input. */
export const KNOWN_UITYPES = [
  'str', 'text', 'int', 'float', 'code', 'check', 'checkbox',
  'file', 'image', 'audio', 'video', 'hidden', 'tel', 'email', 'password', 'date',
] as const;
export type KnownUiType = (typeof KNOWN_UITYPES)[number];

/**
 * The contract's descriptor. Its `maxLength` comes from the model's `maxlength` (normalised in
 * main); a prompt without one gets Vidu's limit by name in validate.ts.
 */
export type FieldDescriptor = ContractFieldDescriptor;

/** A field's fixed options (none when they come from a `dataUrl`, or for other kinds of field). */
export const optionsOf = (field: FieldDescriptor): FieldOption[] => field.options ?? [];

/** An option's value as a select holds it: the contract allows booleans, Naive's select does not. */
export const selectValue = (value: FieldOption['value']): string | number => (typeof value === 'boolean' ? String(value) : value);

/** A local file chosen through main's system dialog; `previewUrl` is only for showing it. */
export interface PickedFile {
  path: string;
  name: string;
  type: string;
  bytes: number;
  width?: number;
  height?: number;
  previewUrl?: string;
}

export type FormValues = Record<string, unknown>;

/** Main adds these to every submit itself; the form never shows or sends them, whatever the model says. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['model', 'transno', 'llmid', 'llmcatelogid', 'callbackurl']);

const FILE_UITYPES: ReadonlySet<string> = new Set(['file', 'image', 'audio', 'video']);
const TEXT_UITYPES: ReadonlySet<string> = new Set(['str', 'text', 'tel', 'email', 'password', 'date']);

export const isFileField = (field: FieldDescriptor): boolean => FILE_UITYPES.has(field.uitype);
export const isNumberField = (field: FieldDescriptor): boolean => field.uitype === 'int' || field.uitype === 'float';
/** Everything that is edited as a string, unknown uitypes included. */
export const isTextField = (field: FieldDescriptor): boolean =>
  TEXT_UITYPES.has(field.uitype) || !(KNOWN_UITYPES as readonly string[]).includes(field.uitype);

/**
 * Whether the field is edited in a multi-line box. The platform's own example describes the
 * prompt as `str`, but a prompt of up to 1500 characters needs room and a counter.
 */
export const isMultiLine = (field: FieldDescriptor): boolean => field.uitype === 'text' || (field.uitype === 'str' && field.name === 'prompt');

/** Whether the control is one <input>/<textarea> a <label for> can name (groups use aria-labelledby). */
export const isLabelable = (field: FieldDescriptor): boolean =>
  !isFileField(field) && !['code', 'check', 'checkbox', 'date'].includes(field.uitype);

/** Fields the user sees: never hidden ones, never the ones main adds. */
export function visibleFields(fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  return fields.filter((field) => field.uitype !== 'hidden' && !RESERVED_NAMES.has(field.name));
}

/** Fields the form sends: every field but the ones main adds (hidden ones included). */
function sentFields(fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  return fields.filter((field) => !RESERVED_NAMES.has(field.name));
}

/** What an untouched control holds. */
export function emptyValue(field: FieldDescriptor): unknown {
  if (field.uitype === 'check') return false;
  if (field.uitype === 'checkbox') return [];
  if (isFileField(field)) return field.multiple ? [] : null;
  if (isNumberField(field) || field.uitype === 'code') return null;
  return '';
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && raw.trim() !== '') {
    const parsed = Number(raw);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

function withinBounds(field: FieldDescriptor, n: number): boolean {
  return (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
}

/** An option's value as stored in the form (the option's own value, so `5` and `'5'` both match it). */
function matchOption(field: FieldDescriptor, raw: unknown): string | number | undefined {
  const found = optionsOf(field).find((option) => String(option.value) === String(raw));
  return found ? selectValue(found.value) : undefined;
}

function isPickedFile(raw: unknown): raw is PickedFile {
  const file = raw as PickedFile | null;
  return typeof file === 'object' && file !== null && typeof file.path === 'string' && typeof file.name === 'string';
}

/**
 * `raw` as a value of this field, or undefined when it does not fit (wrong kind, out of bounds,
 * no longer among the options). Defaults from older servers come as strings: `"5"`, `"true"`.
 */
export function coerceValue(field: FieldDescriptor, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  if (isNumberField(field)) {
    const n = toNumber(raw);
    if (n === undefined || !withinBounds(field, n)) return undefined;
    return field.uitype === 'int' && !Number.isInteger(n) ? undefined : n;
  }
  if (field.uitype === 'check') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 1 || raw === '1' || raw === 'true') return true;
    if (raw === 0 || raw === '0' || raw === 'false') return false;
    return undefined;
  }
  if (field.uitype === 'checkbox') {
    const list = Array.isArray(raw) ? raw : [raw];
    const matched = list.map((item) => matchOption(field, item));
    return matched.every((value) => value !== undefined) ? matched : undefined;
  }
  if (field.uitype === 'code') {
    // Options from a dataurl are not known yet: keep the value, the select checks it once loaded.
    if (optionsOf(field).length === 0) return typeof raw === 'string' || typeof raw === 'number' ? raw : undefined;
    return matchOption(field, raw);
  }
  if (isFileField(field)) {
    if (field.multiple) return Array.isArray(raw) && raw.every(isPickedFile) ? raw : undefined;
    return isPickedFile(raw) ? raw : undefined;
  }
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
}

/**
 * The form's first values: each field's default, then what the user chose last time for this
 * model where it is still valid. Hidden and read-only fields always keep their default (the
 * user could not have changed them), and files are never restored: the last preview is gone
 * and the file may have moved.
 */
export function initialValues(fields: readonly FieldDescriptor[], remembered: FormValues = {}): FormValues {
  const values: FormValues = {};
  for (const field of sentFields(fields)) {
    const fallback = coerceValue(field, field.defaultValue) ?? emptyValue(field);
    const canRemember = field.uitype !== 'hidden' && !field.readonly && !isFileField(field);
    const kept = canRemember && Object.hasOwn(remembered, field.name) ? coerceValue(field, remembered[field.name]) : undefined;
    values[field.name] = kept ?? fallback;
  }
  return values;
}

/** Nothing chosen: the server then applies its own default. */
function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * What a submit sends, by field name: hidden fields with their default, numbers as numbers,
 * switches as booleans, checkbox groups as arrays, files as their local paths (main uploads
 * them). Blank optional fields are left out rather than sent as empty strings.
 */
export function submissionValues(fields: readonly FieldDescriptor[], values: FormValues): FormValues {
  const sent: FormValues = {};
  for (const field of sentFields(fields)) {
    const raw = field.uitype === 'hidden' ? field.defaultValue : values[field.name];
    let value: unknown;
    if (field.uitype === 'hidden') value = raw;
    else if (isNumberField(field)) value = toNumber(raw);
    else if (field.uitype === 'check') value = raw === true;
    else if (field.uitype === 'checkbox') value = Array.isArray(raw) ? [...raw] : [];
    else if (isFileField(field)) value = Array.isArray(raw) ? raw.filter(isPickedFile).map((file) => file.path) : isPickedFile(raw) ? raw.path : undefined;
    else value = raw;
    if (!isBlank(value)) sent[field.name] = value;
  }
  return sent;
}
