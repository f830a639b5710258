/**
 * Options of `code` fields that name a `dataurl`: fetched once per field through the parent's
 * `loadOptions` (main fetches them with the session), with a loading and an error state per
 * field, and a retry. A field whose options arrive late is then judged against them.
 */
import { computed, reactive, watch, type Ref } from 'vue';
import type { FieldDescriptor, FieldOption } from '@/lib/studio/fields';

/** Given the field (main looks its `dataUrl` up by model and field name, `video.fieldOptions`). */
export type LoadOptions = (field: FieldDescriptor) => Promise<FieldOption[]>;

export interface RemoteOptionsState {
  loading: boolean;
  /** What went wrong, as thrown by loadOptions (the component words it). */
  error: unknown;
  options: FieldOption[] | null;
}

export function useRemoteOptions(
  fields: Ref<readonly FieldDescriptor[]>,
  loadOptions: () => LoadOptions | undefined,
  /** Told about each field whose options arrived, with those options in place. */
  onLoaded: (field: FieldDescriptor) => void = () => {},
) {
  const states = reactive<Record<string, RemoteOptionsState>>({});
  // Latest request per field wins: a slow answer for an older dataurl never overwrites a newer one.
  const requests = new Map<string, number>();

  async function load(field: FieldDescriptor): Promise<void> {
    const loader = loadOptions();
    if (!field.dataUrl || !loader) return;
    const request = (requests.get(field.name) ?? 0) + 1;
    requests.set(field.name, request);
    states[field.name] = { loading: true, error: null, options: states[field.name]?.options ?? null };
    try {
      const options = await loader(field);
      if (requests.get(field.name) !== request) return;
      states[field.name] = { loading: false, error: null, options };
      onLoaded({ ...field, options });
    } catch (error) {
      if (requests.get(field.name) === request) states[field.name] = { loading: false, error, options: null };
    }
  }

  watch(
    () => fields.value.map((field) => `${field.name}\u0000${field.dataUrl ?? ''}`).join('\u0001'),
    () => {
      for (const field of fields.value) if (field.uitype === 'code' && field.dataUrl) void load(field);
    },
    { immediate: true },
  );

  /** The fields with fetched options in place of the (usually empty) static ones. */
  const resolvedFields = computed(() =>
    fields.value.map((field) => {
      const fetched = states[field.name]?.options;
      return fetched ? { ...field, options: fetched } : field;
    }),
  );

  return { states, resolvedFields, reload: load };
}
