/**
 * Models of one type, platform-api.md §3.12 with §10.5: tolerant of the whole-record and Spec
 * item shapes; withdrawn models (a `status` other than `published`) are hidden; every model
 * gets a usable form (model-fields.ts).
 */
import type { CatalogId, VideoModel } from '../../preload/contract/models/video';
import { AppError } from '../lib/errors';
import { modelFields } from './model-fields';
import { isRecord, nonEmptyString, toMoney } from './normalize';
import type { PlatformHttp } from './types';

export const MODELS_PATH = '/llmage/get_type_llms.dspy';

/** The `type` parameter is the Chinese catalog name; anything else silently means 文生视频. */
export const CATALOG_NAMES: Readonly<Record<CatalogId, string>> = { t2v: '文生视频', i2v: '图生视频', r2v: '参考生视频' };

export function decodeModel(raw: unknown, catalog: CatalogId): VideoModel | null {
  if (!isRecord(raw)) return null;
  const id = nonEmptyString(raw.id);
  if (!id) return null;
  const status = nonEmptyString(raw.status);
  if (status !== null && status.toLowerCase() !== 'published') return null;
  const { fields, fallback } = modelFields(raw.input_fields, catalog);
  const model: VideoModel = {
    id,
    name: nonEmptyString(raw.name) ?? id,
    model: nonEmptyString(raw.model) ?? '',
    description: nonEmptyString(raw.description) ?? '',
    catalog,
    minBalance: toMoney(raw.min_balance),
    maxCost: toMoney(raw.max_cost),
    fields,
    fieldsAreFallback: fallback,
  };
  const iconId = nonEmptyString(raw.iconid);
  if (iconId) model.iconId = iconId;
  // §3.15: use a pricing-program id only when the model record carries one.
  const ppid = nonEmptyString(raw.ppid);
  if (ppid) model.ppid = ppid;
  return model;
}

export function decodeModels(data: unknown, catalog: CatalogId): VideoModel[] {
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new AppError('malformed', '模型列表格式无法识别 / Unrecognised model list');
  const out: VideoModel[] = [];
  const seen = new Set<string>();
  for (const item of data) {
    const model = decodeModel(item, catalog);
    if (model && !seen.has(model.id)) {
      seen.add(model.id);
      out.push(model);
    }
  }
  return out;
}

export async function fetchVideoModels(http: PlatformHttp, catalog: CatalogId): Promise<VideoModel[]> {
  const { data } = await http.get(MODELS_PATH, { type: CATALOG_NAMES[catalog] });
  return decodeModels(data, catalog);
}
