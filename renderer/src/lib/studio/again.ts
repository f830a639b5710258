/**
 * "Make another" (再来一次): a finished task's settings as the first values of the form. The
 * task keeps what it sent (`params`, images as the paths of their local copies, §10.4), so the
 * images come back too; they have no preview, since the renderer cannot read files.
 */
import { initialValues, isFileField, type FieldDescriptor, type FormValues, type PickedFile } from './fields';

const TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export function fileFromPath(path: string): PickedFile {
  const name = path.split(/[\\/]/).pop() || path;
  const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  return { path, name, type: TYPES[extension] ?? 'application/octet-stream', bytes: 0 };
}

export function valuesFromTask(fields: readonly FieldDescriptor[], params: Record<string, unknown>): FormValues {
  const values = initialValues(fields, params);
  for (const field of fields) {
    if (!isFileField(field) || field.uitype === 'hidden') continue;
    const sent = params[field.name];
    const paths = (Array.isArray(sent) ? sent : [sent]).filter((path): path is string => typeof path === 'string' && path !== '');
    if (paths.length === 0) continue;
    values[field.name] = field.multiple ? paths.map(fileFromPath) : fileFromPath(paths[0]);
  }
  return values;
}

/**
 * "再来一次" from the library (LibraryAgain): the sidecar's params name the images as they were
 * sent, and main made fresh copies of them (`inputImages`, in the order the sidecar lists them).
 * Each file field's paths, in field order, give way to the next fresh copy; when main already
 * wrote the fresh paths into the params, they are left as they are.
 */
export function paramsWithFreshImages(fields: readonly FieldDescriptor[], params: Record<string, unknown>, fresh: readonly string[]): Record<string, unknown> {
  const fileFields = fields.filter((field) => isFileField(field) && field.uitype !== 'hidden');
  const pathsOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
  const freshSet = new Set(fresh);
  if (fresh.length === 0 || fileFields.some((field) => pathsOf(params[field.name]).some((path) => typeof path === 'string' && freshSet.has(path)))) return params;
  const next = { ...params };
  let index = 0;
  for (const field of fileFields) {
    const sent = params[field.name];
    if (sent === undefined || sent === null || sent === '') continue;
    const replaced = pathsOf(sent).map((path) => (typeof path === 'string' && path !== '' && index < fresh.length ? fresh[index++] : path));
    next[field.name] = Array.isArray(sent) ? replaced : replaced[0];
  }
  return next;
}
