/**
 * Mounts DynamicForm the way a studio screen will: inside the app's providers, holding its
 * v-model in a parent, with spies for the callbacks main will serve.
 */
import { defineComponent, h, ref, type Ref } from 'vue';
import { flushPromises } from '@vue/test-utils';
import type { Language } from '@contract';
import { installFakeBridge, mountWithProviders } from '@/api/testing/fake-bridge';
import { setLocale } from '@/i18n';
import type { FieldDescriptor, FieldOption, FormValues, PickedFile } from '@/lib/studio/fields';
import DynamicForm from '@/components/studio/DynamicForm.vue';

export interface FormHarness {
  values: Ref<FormValues>;
  submits: Ref<number>;
  validate: () => boolean;
}

export interface HarnessOptions {
  values?: FormValues;
  loadOptions?: (field: FieldDescriptor) => Promise<FieldOption[]>;
  pickImage?: (field: FieldDescriptor) => Promise<PickedFile | null>;
  locale?: Language;
  disabled?: boolean;
}

export async function mountForm(fields: FieldDescriptor[], options: HarnessOptions = {}): Promise<FormHarness> {
  installFakeBridge();
  const values = ref<FormValues>(options.values ?? {});
  const submits = ref(0);
  const form = ref<{ validate: () => boolean } | null>(null);
  const Parent = defineComponent({
    setup: () => () =>
      h(DynamicForm, {
        ref: form,
        fields,
        modelValue: values.value,
        loadOptions: options.loadOptions,
        pickImage: options.pickImage,
        disabled: options.disabled,
        'onUpdate:modelValue': (next: FormValues) => (values.value = next),
        onSubmit: () => (submits.value += 1),
      }),
  });
  await mountWithProviders(Parent, {
    routes: [{ path: '/', component: { render: () => null } }],
    guards: false,
    locale: options.locale,
  });
  // The settings store applies the stored language (zh-CN) once loaded; the next mount resets it.
  if (options.locale) setLocale(options.locale);
  await flushPromises();
  return {
    values,
    submits,
    validate: () => {
      if (!form.value) throw new Error('the form is not mounted');
      return form.value.validate();
    },
  };
}

export const field = (name: string) => document.querySelector<HTMLElement>(`[data-testid="studio-field-${name}"]`);
export const control = (name: string) => document.querySelector<HTMLElement>(`[data-testid="studio-control-${name}"]`);
export const errorOf = (name: string) => document.querySelector<HTMLElement>(`[data-testid="studio-field-${name}-error"]`)?.textContent?.trim() ?? null;
/** The text of the label that names an element through aria-labelledby or for/id. */
export function accessibleLabel(element: Element): string | null {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return document.getElementById(labelledBy)?.textContent?.trim() ?? null;
  return document.querySelector(`label[for="${element.id}"]`)?.textContent?.trim() ?? null;
}
