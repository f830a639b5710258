/**
 * The studio routes: thin adapters over the catalog, the jobs and the image picker (built by
 * core/modules/video.ts). `values` are checked against the model's own form at run time
 * (services/video/fields.ts); the schemas here only fix the envelope.
 */
import { z } from 'zod';
import type { BalanceCheck, FieldOption, PickedImage, Quote, RefusedImage, TaskView, VideoModel, BatchResult } from '../../../preload/contract/models';
import type { SubmissionInput } from '../../../preload/contract/routes/video';
import type { RouteSet, SchemaMap } from '../../core/routes';
import { requireSignIn, type SignedIn } from './signed-in';

export type VideoRoute =
  | 'video.models' | 'video.fieldOptions' | 'video.quote' | 'video.balanceCheck' | 'video.pickImages' | 'video.lastForm' | 'video.submit' | 'video.submitBatch';

/** What the routes need; core/modules/video.ts wires the services behind it. */
export interface VideoServices {
  models(catalog: 't2v' | 'i2v' | 'r2v', refresh: boolean): Promise<VideoModel[]>;
  fieldOptions(modelId: string, field: string): Promise<FieldOption[]>;
  quote(modelId: string, values: Record<string, unknown>): Promise<Quote>;
  balanceCheck(input: { modelId: string; quotedPrice?: number; count?: number }): Promise<BalanceCheck>;
  pickImages(multiple: boolean): Promise<{ picked: PickedImage[]; refused: RefusedImage[] }>;
  lastForm(modelId: string): Record<string, unknown> | null;
  submit(input: SubmissionInput): Promise<TaskView>;
  submitBatch(input: SubmissionInput & { prompts: string[] }): Promise<BatchResult>;
}

const catalog = z.enum(['t2v', 'i2v', 'r2v']);
const modelId = z.string().min(1).max(64);
const values = z.record(z.string().max(64), z.unknown());
const money = z.number().finite().min(0).max(1_000_000);
const submission = z.object({
  modelId,
  catalog,
  values,
  formId: z.string().min(8, 'formId 太短 / formId is too short').max(128),
  quotedPrice: money.optional(),
});
/** A batch is a few lines typed by hand; a hundred is already more than anyone should pay for unseen. */
export const MAX_BATCH = 100;

export const videoSchemas: Pick<SchemaMap, VideoRoute> = {
  'video.models': z.object({ catalog, refresh: z.boolean().optional() }),
  'video.fieldOptions': z.object({ modelId, field: z.string().min(1).max(64) }),
  'video.quote': z.object({ modelId, values }),
  'video.balanceCheck': z.object({ modelId, quotedPrice: money.optional(), count: z.number().int().min(1).max(MAX_BATCH).optional() }),
  'video.pickImages': z.object({ multiple: z.boolean() }),
  'video.lastForm': z.object({ modelId }),
  'video.submit': submission,
  'video.submitBatch': submission.extend({
    prompts: z.array(z.string()).min(1, '至少需要一行提示词 / At least one prompt line').max(MAX_BATCH, `最多 ${MAX_BATCH} 行 / At most ${MAX_BATCH} lines`),
  }),
};

export function createVideoRoutes(deps: { session: SignedIn; video: VideoServices }): RouteSet<VideoRoute> {
  const { session, video } = deps;
  const signedIn = <T>(run: () => Promise<T>) => {
    requireSignIn(session);
    return run();
  };
  return {
    schemas: videoSchemas,
    handlers: {
      'video.models': async (input) => signedIn(() => video.models(input.catalog, input.refresh ?? false)),
      'video.fieldOptions': async (input) => signedIn(() => video.fieldOptions(input.modelId, input.field)),
      'video.quote': async (input) => signedIn(() => video.quote(input.modelId, input.values)),
      'video.balanceCheck': async (input) => signedIn(() => video.balanceCheck(input)),
      'video.pickImages': async (input) => video.pickImages(input.multiple),
      'video.lastForm': async (input) => video.lastForm(input.modelId),
      'video.submit': async (input) => signedIn(() => video.submit(input)),
      'video.submitBatch': async (input) => signedIn(() => video.submitBatch(input)),
    },
  };
}
