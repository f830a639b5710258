/**
 * A model's input form (platform-api.md §3.12, §10.4, §10.5): whatever `input_fields` holds
 * (a list, JSON text, `{}`, null, odd descriptors) becomes one list of FieldDescriptor, or the
 * documented Vidu fields when nothing usable is there.
 */
import type { CatalogId, FieldDescriptor, FieldOption, FieldUiType } from '../../preload/contract/models/video';
import { REFERENCE_IMAGES_MAX, VIDU_PROMPT_MAX_LENGTH } from '../../preload/contract/limits';
import { asString, isRecord, nonEmptyString, parseMaybeJson, toMoney, type JsonRecord } from './normalize';

const UI_TYPES: ReadonlySet<string> = new Set<FieldUiType>([
  'str', 'text', 'int', 'float', 'code', 'check', 'checkbox', 'file', 'image', 'audio', 'video', 'hidden', 'tel', 'email', 'password', 'date',
]);

/** Filled in by the client or the server itself: never part of the user's form (§10.5). */
export const HIDDEN_FIELD_NAMES: ReadonlySet<string> = new Set(['model', 'transno', 'callbackurl', 'llmid', 'llmcatelogid']);

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || (typeof value === 'string' && ['true', 'y', 'yes'].includes(value.toLowerCase()));
}

/** Edited as one string: a length limit applies to these (an unknown uitype becomes 'str'). */
const TEXT_UI_TYPES: ReadonlySet<FieldUiType> = new Set<FieldUiType>(['str', 'text', 'tel', 'email', 'password']);

/**
 * A text field's length limit: `maxlength` as the platform's form library spells it (other
 * spellings seen in form configs too), else its `max` (a text has no other use for one).
 */
function maxLengthOf(raw: JsonRecord, uitype: FieldUiType): number | null {
  if (!TEXT_UI_TYPES.has(uitype)) return null;
  for (const value of [raw.maxlength, raw.maxLength, raw.max_length, raw.max]) {
    const n = toMoney(value);
    if (Number.isInteger(n) && n! > 0) return n;
  }
  return null;
}

function options(data: unknown): FieldOption[] | undefined {
  const list = parseMaybeJson(data);
  if (!Array.isArray(list)) return undefined;
  const out: FieldOption[] = [];
  for (const item of list) {
    const raw = isRecord(item) ? item.value : item;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
    const label = isRecord(item) ? nonEmptyString(item.text) ?? nonEmptyString(item.label) : null;
    out.push({ value: raw, label: label ?? String(raw) });
  }
  return out.length > 0 ? out : undefined;
}

/** One descriptor in the one shape; null when it has no usable name or is a hidden name. */
export function normaliseField(raw: unknown): FieldDescriptor | null {
  if (!isRecord(raw)) return null;
  const name = nonEmptyString(raw.name)?.trim();
  if (!name || HIDDEN_FIELD_NAMES.has(name.toLowerCase())) return null;
  const word = (asString(raw.uitype) ?? 'str').trim().toLowerCase();
  const known = UI_TYPES.has(word);
  const field: FieldDescriptor = {
    name,
    label: nonEmptyString(raw.label) ?? name,
    uitype: known ? (word as FieldUiType) : 'str',
    required: flag(raw.required),
    readonly: flag(raw.readonly),
    multiple: flag(raw.multiple),
  };
  if (!known) field.rawUitype = word;
  const value = [raw.value, raw.defaultvalue, raw.defaultValue].find((v) => v !== undefined && v !== null);
  if (value !== undefined) field.defaultValue = value;
  const min = toMoney(raw.min);
  const max = toMoney(raw.max);
  if (min !== null) field.min = min;
  if (max !== null) field.max = max;
  const maxLength = maxLengthOf(raw, field.uitype);
  if (maxLength !== null) field.maxLength = maxLength;
  const opts = options(raw.data);
  if (opts) field.options = opts;
  const extra: [keyof FieldDescriptor & ('dataUrl' | 'valueField' | 'textField' | 'accept'), unknown][] = [
    ['dataUrl', raw.dataurl], ['valueField', raw.valueField], ['textField', raw.textField], ['accept', raw.accept],
  ];
  for (const [key, v] of extra) {
    const text = nonEmptyString(v);
    if (text) field[key] = text;
  }
  return field;
}

// The documented fields of §3.10/§3.11 (Vidu), used when the server's form is unusable.
const PROMPT: FieldDescriptor = { name: 'prompt', label: '提示词', uitype: 'text', required: true, readonly: false, multiple: false, maxLength: VIDU_PROMPT_MAX_LENGTH };
const DURATION: FieldDescriptor = { name: 'duration', label: '时长（秒）', uitype: 'int', defaultValue: 5, min: 1, max: 16, required: false, readonly: false, multiple: false };
const choice = (name: string, label: string, values: string[], def: string): FieldDescriptor => ({
  name, label, uitype: 'code', defaultValue: def, options: values.map((v) => ({ value: v, label: v })), required: false, readonly: false, multiple: false,
});
const RESOLUTION = choice('resolution', '分辨率', ['540p', '720p', '1080p'], '1080p');
const RATIO = choice('ratio', '画面比例', ['16:9', '9:16', '4:3', '3:4', '1:1'], '16:9');
const check = (name: string, label: string): FieldDescriptor => ({ name, label, uitype: 'check', defaultValue: false, required: false, readonly: false, multiple: false });
const AUDIO = check('audio', '生成音频');
const OFF_PEAK = check('off_peak', '错峰生成');
export const IMAGE_FILE_FIELD: FieldDescriptor = {
  name: 'image_file', label: '首帧图片', uitype: 'image', accept: 'image/jpeg,image/png,image/webp', required: true, readonly: false, multiple: false,
};
const IMAGES: FieldDescriptor = { ...IMAGE_FILE_FIELD, name: 'images', label: '参考图片（1–7 张）', multiple: true, min: 1, max: REFERENCE_IMAGES_MAX };

export function fallbackFields(catalog: CatalogId): FieldDescriptor[] {
  if (catalog === 'i2v') return [IMAGE_FILE_FIELD, PROMPT, DURATION, RESOLUTION, AUDIO, OFF_PEAK];
  if (catalog === 'r2v') return [IMAGES, PROMPT, DURATION, RESOLUTION, RATIO, OFF_PEAK];
  return [PROMPT, DURATION, RESOLUTION, RATIO, AUDIO, OFF_PEAK];
}

function isImageField(f: FieldDescriptor): boolean {
  return ['image_file', 'image', 'images'].includes(f.name) || f.uitype === 'image' || (f.uitype === 'file' && f.accept?.includes('image') === true);
}

/** The form of one model under one catalog; `fallback` says the documented fields were used. */
export function modelFields(inputFields: unknown, catalog: CatalogId): { fields: FieldDescriptor[]; fallback: boolean } {
  const parsed = parseMaybeJson(inputFields);
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray((parsed as JsonRecord).fields) ? ((parsed as JsonRecord).fields as unknown[]) : [];
  const seen = new Set<string>();
  const fields: FieldDescriptor[] = [];
  for (const raw of list) {
    const field = normaliseField(raw);
    if (field && !seen.has(field.name)) {
      seen.add(field.name);
      fields.push(field);
    }
  }
  if (fields.length === 0) return { fields: fallbackFields(catalog), fallback: true };
  // A multi-catalog model may be listed under 图生视频 with its text-to-video form (§10.4).
  if (catalog === 'i2v' && !fields.some(isImageField)) fields.unshift(IMAGE_FILE_FIELD);
  return { fields, fallback: false };
}
