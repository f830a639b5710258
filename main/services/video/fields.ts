/**
 * The submission's values checked against the model's own form (platform-api.md §3.10–§3.12,
 * §10.4, §10.5): a zod schema built at run time from the cached field list. Main treats the
 * renderer as untrusted: required fields, number bounds, option membership, text lengths and
 * image counts are checked again here; hidden (and read-only) fields take the model's value
 * whatever was sent; the names main adds itself (model, transno, llmid, …) are refused; an
 * image is only ever a local copy made by `video.pickImages` (a file in `<dataDir>/inputs`),
 * never an arbitrary path the renderer names.
 */
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { REFERENCE_IMAGES_MAX, VIDU_PROMPT_MAX_LENGTH } from '../../../preload/contract/limits';
import type { FieldDescriptor, VideoModel } from '../../../preload/contract/models/video';
import { AppError } from '../../lib/errors';
import { HIDDEN_FIELD_NAMES } from '../../platform/model-fields';

/** Vidu's prompt limit (§10.5) when the model states none; other texts are capped generously. */
export const PROMPT_MAX = VIDU_PROMPT_MAX_LENGTH;
export const TEXT_MAX = 5000;
/** Reference-to-video: 1–7 images when the field gives no count (§3.11). */
export const MAX_IMAGES = REFERENCE_IMAGES_MAX;
/** The names of the local copies `video.pickImages` makes: content hash and type. */
const INPUT_NAME = /^[0-9a-f]{64}\.(jpg|png|webp)$/;

export interface CheckedSubmission {
  prompt: string;
  /** The form's other values (no images, no reserved names), hidden ones filled in. */
  fields: Record<string, unknown>;
  /** Local copies to upload, in order. */
  images: string[];
  /** Everything that will be sent, by field name (images as their local paths): kept with the task. */
  params: Record<string, unknown>;
}

const chars = (text: string): number => [...text].length;
const quoted = (field: FieldDescriptor) => ({ zh: `「${field.label}」`, en: `“${field.label}”` });
const say = (zh: string, en: string) => `${zh} / ${en}`;

export function isImageField(field: FieldDescriptor): boolean {
  return ['image_file', 'image', 'images'].includes(field.name) || field.uitype === 'image' || (field.uitype === 'file' && (field.accept ?? 'image').includes('image'));
}

/** A path the renderer may name: exactly a local copy inside `<dataDir>/inputs`. */
export function isInputCopy(path: string, inputsDir: string): boolean {
  if (typeof path !== 'string' || path.length > 4096) return false;
  const full = resolve(path);
  return full === path && dirname(full) === resolve(inputsDir) && INPUT_NAME.test(basename(full));
}

/** The model's own limit (`maxLength`, normalised from `maxlength` in platform/model-fields.ts) wins. */
function textLimit(field: FieldDescriptor): number {
  return field.maxLength ?? (field.name === 'prompt' ? PROMPT_MAX : TEXT_MAX);
}

function fieldSchema(field: FieldDescriptor, inputsDir: string): z.ZodType {
  const { zh, en } = quoted(field);
  const numberOf = (integer: boolean) => {
    let n = z.number({ error: say(`${zh}须为数字`, `${en} must be a number`) });
    if (integer) n = n.int({ error: say(`${zh}须为整数`, `${en} must be a whole number`) });
    if (field.min !== undefined) n = n.min(field.min, { error: say(`${zh}不能小于 ${field.min}`, `${en} must be at least ${field.min}`) });
    if (field.max !== undefined) n = n.max(field.max, { error: say(`${zh}不能大于 ${field.max}`, `${en} must be at most ${field.max}`) });
    return n;
  };
  const option = () => {
    const values = (field.options ?? []).map((o) => o.value);
    const scalar = z.union([z.string(), z.number(), z.boolean()], { error: say(`${zh}的取值无效`, `${en} has an invalid value`) });
    // Options fetched from a dataurl are not known here: the platform checks those.
    if (values.length === 0) return scalar;
    return scalar.refine((v) => values.some((o) => String(o) === String(v)), { error: say(`${zh}不是可选的值`, `${en} is not one of its options`) });
  };
  if (isImageField(field)) {
    const one = z.string({ error: say(`${zh}须为已选择的图片`, `${en} must be a picked image`) }).refine((p) => isInputCopy(p, inputsDir), {
      error: say(`${zh}只能使用通过“选择图片”添加的图片`, `${en} only takes images added with “pick images”`),
    });
    if (!field.multiple) return one;
    // An empty list is blank: refused (required) or skipped before it gets here, so at least one.
    const min = field.min ?? 1;
    const max = field.max ?? MAX_IMAGES;
    return z
      .array(one)
      .min(min, { error: say(`${zh}至少需要 ${min} 张图片`, `${en} needs at least ${min} images`) })
      .max(max, { error: say(`${zh}最多 ${max} 张图片`, `${en} takes at most ${max} images`) });
  }
  switch (field.uitype) {
    case 'int':
      return numberOf(true);
    case 'float':
      return numberOf(false);
    case 'check':
      return z.boolean({ error: say(`${zh}须为开或关`, `${en} must be on or off`) });
    case 'code':
      return field.multiple ? z.array(option()) : option();
    case 'checkbox':
      return z.array(option(), { error: say(`${zh}须为一组选项`, `${en} must be a list of options`) });
    case 'file':
    case 'audio':
    case 'video':
      return z.never({ error: say(`${zh}暂不支持上传`, `${en} cannot be uploaded by this app yet`) });
    default: {
      const max = textLimit(field);
      return z
        .string({ error: say(`${zh}须为文字`, `${en} must be text`) })
        .refine((t) => chars(t) <= max, { error: say(`${zh}最多 ${max} 个字符`, `${en} takes at most ${max} characters`) });
    }
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** The runtime schema of one model's form; parse the renderer's `values` with it. */
export function submissionSchema(model: VideoModel, inputsDir: string): z.ZodType<CheckedSubmission> {
  const fields = model.fields;
  return z.record(z.string(), z.unknown()).transform((values, ctx): CheckedSubmission => {
    for (const key of Object.keys(values)) {
      if (HIDDEN_FIELD_NAMES.has(key.toLowerCase())) {
        ctx.addIssue(say(`「${key}」由应用自动填写，不能提交`, `“${key}” is filled in by the app and may not be sent`));
      }
    }
    const out: Record<string, unknown> = {};
    const params: Record<string, unknown> = {};
    const images: string[] = [];
    for (const field of fields) {
      const { zh, en } = quoted(field);
      // The model's own value: the user can neither see nor change these.
      if (field.uitype === 'hidden' || (field.readonly && field.defaultValue !== undefined)) {
        if (field.defaultValue !== undefined) out[field.name] = field.defaultValue;
        continue;
      }
      const value = values[field.name];
      if (isBlank(value)) {
        if (field.required) ctx.addIssue(say(`请填写${zh}`, `${en} is required`));
        else if (field.defaultValue !== undefined && !isImageField(field)) out[field.name] = field.defaultValue;
        continue;
      }
      const parsed = fieldSchema(field, inputsDir).safeParse(value);
      if (!parsed.success) {
        // Every message names its field already (the refusal shows messages, never issue paths).
        for (const issue of parsed.error.issues) ctx.addIssue(issue.message);
        continue;
      }
      if (isImageField(field)) {
        images.push(...(Array.isArray(parsed.data) ? (parsed.data as string[]) : [parsed.data as string]));
        params[field.name] = parsed.data;
      } else out[field.name] = parsed.data;
    }
    const prompt = typeof out.prompt === 'string' ? out.prompt : '';
    Object.assign(params, out);
    delete out.prompt;
    return { prompt, fields: out, images, params };
  });
}

/** Checks `values` against the model's form; throws invalid_input naming the first fields at fault. */
export function checkSubmission(model: VideoModel, values: Record<string, unknown>, inputsDir: string): CheckedSubmission {
  const parsed = submissionSchema(model, inputsDir).safeParse(values);
  if (parsed.success) return parsed.data;
  const messages = [...new Set(parsed.error.issues.map((i) => i.message))].slice(0, 3);
  throw new AppError('invalid_input', messages.join('；'));
}
