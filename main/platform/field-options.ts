/**
 * Options of a `code`/`checkbox` field whose list comes from a platform `dataurl` (§10.5),
 * fetched with the session. Only a path on the platform itself is followed: a descriptor naming
 * another host would otherwise receive the session cookie.
 */
import type { FieldDescriptor, FieldOption } from '../../preload/contract/models/video';
import { AppError } from '../lib/errors';
import { isRecord, nonEmptyString } from './normalize';
import type { PlatformHttp } from './types';

/** The path and query of a dataurl on the platform, or null when it points anywhere else. */
export function platformPath(dataUrl: string, baseUrl: string | null): { path: string; query: Record<string, string> } | null {
  if (!baseUrl) return null;
  let url: URL;
  try {
    url = new URL(dataUrl, baseUrl);
  } catch {
    return null;
  }
  if (url.origin !== new URL(baseUrl).origin || url.username !== '' || url.password !== '') return null;
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

/** A list (or `{rows}`/`{data}` holding one) of values or records, read with the field's valueField/textField. */
export function decodeFieldOptions(data: unknown, field: Pick<FieldDescriptor, 'valueField' | 'textField'>): FieldOption[] {
  const list = Array.isArray(data) ? data : isRecord(data) ? (Array.isArray(data.rows) ? data.rows : Array.isArray(data.data) ? data.data : []) : [];
  const valueKey = field.valueField ?? 'value';
  const textKey = field.textField ?? 'text';
  const out: FieldOption[] = [];
  for (const item of list) {
    const value = isRecord(item) ? (item[valueKey] ?? item.value ?? item.id) : item;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    const label = isRecord(item) ? (nonEmptyString(item[textKey]) ?? nonEmptyString(item.text) ?? nonEmptyString(item.label)) : null;
    out.push({ value, label: label ?? String(value) });
  }
  return out;
}

export async function fetchFieldOptions(http: PlatformHttp, field: FieldDescriptor): Promise<FieldOption[]> {
  if (!field.dataUrl) return field.options ?? [];
  const target = platformPath(field.dataUrl, http.baseUrl());
  if (!target) throw new AppError('url_refused', `选项地址不在平台上：${field.name} / The options of “${field.name}” are not on the platform`);
  const { data } = await http.get(target.path, target.query);
  return decodeFieldOptions(data, field);
}
