/** Builds field descriptors for the studio's tests: only what a test is about needs saying. */
import type { FieldDescriptor, FieldUiType, PickedFile } from '@/lib/studio/fields';

export const fieldOf = (name: string, uitype: FieldUiType, extra: Partial<FieldDescriptor> = {}): FieldDescriptor => ({
  name,
  label: name,
  uitype,
  required: false,
  readonly: false,
  options: [],
  multiple: false,
  ...extra,
});

export const optionsOf = (...values: (string | number)[]) => values.map((value) => ({ value, label: `label ${value}` }));

export const pngOf = (name: string, width = 1024, height = 768, bytes = 200_000): PickedFile => ({
  path: `/home/lin/图片/${name}`,
  name,
  type: 'image/png',
  bytes,
  width,
  height,
  previewUrl: `blob:preview/${name}`,
});
