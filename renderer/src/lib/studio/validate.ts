/**
 * Checks the values of a model's form before submit. Answers per field with an i18n key
 * (see problems.ts), never with text: the component words it in the UI language.
 */
import { REFERENCE_IMAGES_MAX, VIDU_PROMPT_MAX_LENGTH } from '@contract/limits';
import { emptyValue, optionsOf, isFileField, isNumberField, isTextField, visibleFields, type FieldDescriptor, type FormValues } from './fields';
import { problem, type Problem } from './problems';

/** Vidu's prompt limit (platform-api.md §10.5) for a `prompt` field that states none. */
export const VIDU_PROMPT_MAX = VIDU_PROMPT_MAX_LENGTH;
/** Reference-to-video takes 1–7 images (§3.11) when the field gives no count. */
export const MAX_REFERENCE_IMAGES = REFERENCE_IMAGES_MAX;

export type FormProblems = Record<string, Problem>;

/** Characters as a person counts them (an emoji is one), the same way the counter shows them. */
export const countChars = (text: string): number => [...text].length;

/** The length limit that applies to a text field, if any: the model's own (`maxlength`, §10.5) first. */
export function textLimit(field: FieldDescriptor): number | undefined {
  return field.maxLength ?? (field.name === 'prompt' ? VIDU_PROMPT_MAX : undefined);
}

/** How many files a multiple file field takes. */
export function fileCountLimits(field: FieldDescriptor): { min: number; max: number } {
  return { min: field.min ?? (field.required ? 1 : 0), max: field.max ?? MAX_REFERENCE_IMAGES };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isBlank(field: FieldDescriptor, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  // A switch is always answered: off is a value.
  return field.uitype !== 'check' && value === emptyValue(field);
}

function checkNumber(field: FieldDescriptor, value: unknown): Problem | null {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return problem('notNumber');
  if (field.uitype === 'int' && !Number.isInteger(n)) return problem('notInteger');
  if (field.min !== undefined && n < field.min) return problem('tooSmall', { min: field.min });
  if (field.max !== undefined && n > field.max) return problem('tooLarge', { max: field.max });
  return null;
}

function checkText(field: FieldDescriptor, value: unknown): Problem | null {
  const text = String(value);
  const max = textLimit(field);
  if (max !== undefined && countChars(text) > max) return problem('tooLong', { max, length: countChars(text) });
  if (field.uitype === 'email' && !EMAIL.test(text.trim())) return problem('email');
  return null;
}

function checkOptions(field: FieldDescriptor, value: unknown): Problem | null {
  // Options still loading from a dataurl cannot be checked here; the server checks them.
  const options = optionsOf(field);
  if (options.length === 0) return null;
  const known = new Set(options.map((option) => String(option.value)));
  const chosen = Array.isArray(value) ? value : [value];
  return chosen.every((item) => known.has(String(item))) ? null : problem('notAnOption');
}

function checkFiles(field: FieldDescriptor, value: unknown): Problem | null {
  if (!field.multiple) return null;
  const count = Array.isArray(value) ? value.length : 0;
  const { min, max } = fileCountLimits(field);
  if (count < min) return problem('tooFewFiles', { min, count });
  if (count > max) return problem('tooManyFiles', { max, count });
  return null;
}

function checkField(field: FieldDescriptor, value: unknown): Problem | null {
  const blank = isBlank(field, value);
  if (blank && field.required) return problem('required');
  if (isFileField(field)) return checkFiles(field, value);
  if (blank) return null;
  if (isNumberField(field)) return checkNumber(field, value);
  if (field.uitype === 'code' || field.uitype === 'checkbox') return checkOptions(field, value);
  if (isTextField(field)) return checkText(field, value);
  return null;
}

/**
 * Problems of the fields the user can see and change, by field name; empty when the form may
 * be sent. Hidden and read-only fields carry the model's own values and are not judged.
 */
export function validateForm(fields: readonly FieldDescriptor[], values: FormValues): FormProblems {
  const problems: FormProblems = {};
  for (const field of visibleFields(fields)) {
    if (field.readonly) continue;
    const found = checkField(field, values[field.name]);
    if (found) problems[field.name] = found;
  }
  return problems;
}
