/** §3.10/§3.11 `vidu_inference`: classify first (envelope / widget / 500), then stream (§4). */
import type { Handler } from '../core.ts';
import { isListed } from '../history.ts';
import { fail, isFilePart, serverError, type Params } from '../http.ts';
import { srOf } from '../pricing.ts';
import type { CatalogId } from '../state.ts';
import { failureStream, taskStream } from '../stream.ts';
import { newId, numParam, serverDate, strParam } from '../util.ts';

const VENDOR_BEARER = '(Authorization: Bearer XXXXXXXX)';

function vendorError(detail: string, reset = false, extra?: string) {
  const objects: Record<string, unknown>[] = [{ error: `ERROR:vendor request failed: HTTP 400 ${detail} ${VENDOR_BEARER}`, status: 'FAILED' }];
  if (extra) objects.push({ error: extra });
  return failureStream({ objects, reset });
}

/** The recorded input: request fields, uploaded files replaced by platform URLs, server-filled fields. */
function recordedInput(params: Params, base: string, llmid: string, catalog: CatalogId, model: string, now: number): Record<string, unknown> {
  const stored = (v: unknown): unknown => (isFilePart(v) ? `${base}/idfile.dspy?path=/upload/${serverDate(now)}/${newId()}-${v.filename}` : v);
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) input[k] = Array.isArray(v) ? v.map(stored) : stored(v);
  return { ...input, llmid, llmcatelogid: catalog, model, transno: strParam(params, 'transno') ?? newId() };
}

export const viduInference: Handler = ({ core, user, params }) => {
  if (!user) return fail('账户余额不够');
  const llmid = strParam(params, 'llmid');
  if (!llmid) return fail('账户余额不够');
  const model = core.state.model(llmid);
  if (!model) return serverError();
  const balance = core.state.orgs.get(user.orgid)?.balance ?? 0;
  // Models owned by the caller's own organisation skip the balance check.
  if (model.ownerid !== user.orgid && balance <= model.min_balance) return fail('账户余额不够');

  const sw = core.switches;
  const requested = strParam(params, 'llmcatelogid');
  const entry = requested ? model.catalogs.find((c) => c.catelogid === requested) : model.catalogs[0];
  if (!entry || !isListed(model, serverDate(core.timers.now())) || sw.streamFailure === 'modelNotFound') {
    return failureStream({ objects: [{ status: 'FAILED', error: `llmid:${llmid}没找到模型`, llmusageid: newId() }], reset: false });
  }
  if (sw.streamFailure === 'vendorError') return vendorError('invalid duration', false, '供应商提示：视频时长超出模型支持范围');
  if (sw.streamFailure === 'vendorErrorThenReset') return vendorError('invalid duration', true);

  const duration = numParam(params, 'duration') ?? 5;
  if (!Number.isInteger(duration) || duration < 1 || duration > 16) return vendorError('invalid duration');
  const resolution = strParam(params, 'resolution') ?? '1080p';
  if (!['540p', '720p', '1080p'].includes(resolution)) return vendorError(`invalid resolution ${resolution}`);
  if (entry.catelogid === 'i2v' && !params['image_file']) return vendorError('image_file is required');
  if (entry.catelogid === 'r2v' && !params['images']) return vendorError('images is required');

  const input = recordedInput(params, core.url, llmid, entry.catelogid, model.model, core.timers.now());
  const rec = core.tasks.submit(user, model, entry.catelogid, input, { duration, SR: srOf(resolution) });
  return taskStream(core, rec, { resetAfterTaskid: sw.streamFailure === 'resetAfterTaskid' });
};
