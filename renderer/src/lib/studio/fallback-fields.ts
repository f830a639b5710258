/**
 * The documented Vidu form (platform-api.md §3.10, §3.11, §10.4, §10.5), used for a model whose
 * `input_fields` is missing, empty or unreadable. `model`, `llmid`, `llmcatelogid` and `transno`
 * are not here: main adds them to every submit.
 */
import type { FieldDescriptor, FieldOption, FieldUiType } from './fields';
import { IMAGE_ACCEPT } from './image-check';
import { MAX_REFERENCE_IMAGES, VIDU_PROMPT_MAX } from './validate';

export type CatalogId = 't2v' | 'i2v' | 'r2v';

/** Labels are i18n keys: the studio translates them (see `fieldLabel` in the component). */
export const FALLBACK_LABEL_PREFIX = 'studio.fields.';

const field = (name: string, uitype: FieldUiType, extra: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  name,
  label: `${FALLBACK_LABEL_PREFIX}${name}`,
  uitype,
  required: false,
  readonly: false,
  options: [],
  multiple: false,
  ...extra,
});

const choices = (...values: string[]): FieldOption[] => values.map((value) => ({ value, label: value }));

// §3.10 lists the prompt as required, and §3.11 takes it over for the image modes.
const prompt = field('prompt', 'text', { required: true, maxLength: VIDU_PROMPT_MAX });
// §10.5: trust input_fields bounds, else 1–16; the default of 5 s keeps a first try cheap.
const duration = field('duration', 'int', { min: 1, max: 16, defaultValue: 5 });
const resolution = field('resolution', 'code', { options: choices('540p', '720p', '1080p'), defaultValue: '1080p' });
const ratio = field('ratio', 'code', { options: choices('16:9', '9:16', '4:3', '3:4', '1:1'), defaultValue: '16:9' });
const audio = field('audio', 'check', { defaultValue: false });
const offPeak = field('off_peak', 'check', { defaultValue: false });

const FALLBACK: Record<CatalogId, readonly FieldDescriptor[]> = {
  t2v: [prompt, duration, ratio, resolution, audio, offPeak],
  // The output follows the first frame's shape, so no ratio here.
  i2v: [field('image_file', 'image', { required: true, accept: IMAGE_ACCEPT }), prompt, duration, resolution, audio, offPeak],
  r2v: [
    field('images', 'image', { required: true, multiple: true, min: 1, max: MAX_REFERENCE_IMAGES, accept: IMAGE_ACCEPT }),
    prompt,
    duration,
    field('aspect_ratio', 'code', { options: choices('16:9', '9:16', '1:1'), defaultValue: '16:9' }),
    resolution,
    audio,
    offPeak,
  ],
};

/** A fresh copy of the documented fields of one catalog. */
export function fallbackFields(catalog: CatalogId): FieldDescriptor[] {
  return FALLBACK[catalog].map((descriptor) => ({ ...descriptor, options: [...(descriptor.options ?? [])] }));
}

/** §10.4: an image-to-video model whose form has no image field gets the documented one first. */
export function withImageField(catalog: CatalogId, fields: readonly FieldDescriptor[]): FieldDescriptor[] {
  if (catalog !== 'i2v' || fields.some((descriptor) => descriptor.uitype === 'image' || descriptor.uitype === 'file')) return [...fields];
  return [fallbackFields('i2v')[0], ...fields];
}
