/**
 * Submitting a video, platform-api.md §3.10/§3.11, §4.4 steps 2–8, §10.1, §10.3, §10.4, §10.7.
 *
 * - A client `transno` is always sent (the caller stores it before calling): it finds the task
 *   again when the stream is lost before its taskid arrives.
 * - Local images go as multipart (`image_file`, or repeated `images` parts for reference-to-
 *   video); https URLs go as they are. Then every value is a string: false flags are omitted.
 * - The stream is read to its end (the server starts its own poller only after writing), each
 *   event is reported as it arrives, and the outcome is one of four kinds (SubmitOutcome).
 */
import type { CatalogId, FailureKind, TaskState } from '../../preload/contract/models/video';
import type { ErrorCode } from '../../preload/contract/errors';
import { AppError, isAppError } from '../lib/errors';
import type { PlatformHttpClient } from './http';
import type { StreamBody, StreamTimeouts } from './http-stream';
import { checkImage } from './image-check';
import { HIDDEN_FIELD_NAMES } from './model-fields';
import { isRecord } from './normalize';
import { decodeTaskState } from './tasks';
import { failureKind, statusOf } from './task-status';
import { VideoStreamParser, type StreamEvent } from './video-stream';

export const VIDEO_PATH = '/llmage/vidu_inference.dspy';
export const INSUFFICIENT_BALANCE = '账户余额不够';

export type ImageInput =
  | { kind: 'url'; url: string }
  | { kind: 'file'; bytes: Uint8Array; filename: string; contentType: string };

export interface VideoSubmission {
  catalog: CatalogId;
  llmid: string;
  /** 21 characters of [A-Za-z0-9_-], already in the ledger. */
  transno: string;
  prompt: string;
  /** The model's other form values (duration, resolution, audio, …). Hidden names are ignored. */
  fields?: Record<string, unknown>;
  /** i2v: exactly one (the first frame); r2v: 1–7 references. */
  images?: ImageInput[];
}

export interface SubmitCallbacks {
  /** The moment the taskid appears: persist it before anything else. */
  onTaskId?(taskid: string): void;
  onStatus?(state: TaskState): void;
  /** Junk in the stream, a transport error after the answer: worth a log line, not a failure. */
  onWarning?(text: string): void;
}

export type SubmitOutcome =
  /** A terminal state arrived in the stream (lines form, or a FAILED after the taskid). */
  | { kind: 'finished'; taskid: string; state: TaskState; failure: FailureKind | null }
  /** The taskid arrived, no terminal state: the task lives on the server; hand it to the poller. */
  | { kind: 'submitted'; taskid: string; state: TaskState | null }
  /** Refused before any task existed: nothing created, nothing billed. */
  | { kind: 'refused'; code: 'insufficient_balance' | 'refused'; message: string }
  /** Nothing usable and no taskid: the task may exist. Never resubmit; reconcile by transno. */
  | { kind: 'unknown'; code: ErrorCode; message: string };

/** Transport errors that prove the request never reached the server (safe to say "not sent"). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function checkImages(submission: VideoSubmission): ImageInput[] {
  const images = submission.images ?? [];
  const [min, max]: [number, number] = submission.catalog === 'i2v' ? [1, 1] : submission.catalog === 'r2v' ? [1, 7] : [0, 0];
  if (images.length < min || images.length > max) {
    throw new AppError('invalid_input', `图片数量不符：需要 ${min}–${max} 张 / Wrong number of images (${images.length})`);
  }
  for (const image of images) {
    if (image.kind === 'url' && !/^https:\/\//i.test(image.url)) throw new AppError('invalid_input', '图片地址必须是 https / Image URLs must be https');
    // Type by the bytes, size, short side and aspect ratio (§10.4): refused here, not by the vendor later.
    if (image.kind === 'file') checkImage(image.bytes);
  }
  return images;
}

/** The request body: JSON, or multipart as soon as one image is a local file. */
export function buildVideoBody(submission: VideoSubmission): StreamBody {
  const images = checkImages(submission);
  const fields: Record<string, unknown> = Object.fromEntries(Object.entries(submission.fields ?? {}).filter(([k, v]) => !HIDDEN_FIELD_NAMES.has(k.toLowerCase()) && v !== undefined && v !== null));
  delete fields.image_file;
  delete fields.images;
  const fixed = { llmid: submission.llmid, llmcatelogid: submission.catalog, prompt: submission.prompt, transno: submission.transno };
  const imageField = submission.catalog === 'r2v' ? 'images' : 'image_file';
  const urls = images.flatMap((i) => (i.kind === 'url' ? [i.url] : []));
  if (urls.length === images.length) {
    const imagePart = urls.length === 0 ? {} : { [imageField]: imageField === 'images' ? urls : urls[0] };
    return { json: { ...fields, ...imagePart, ...fixed } };
  }
  const form = new FormData();
  const entries: [string, unknown][] = Object.entries({ ...fields, ...fixed });
  for (const [key, value] of entries) {
    // Multipart values are strings and any non-empty string is true: omit false, send true as 1 (§3.11).
    if (value === false) continue;
    form.append(key, value === true ? '1' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  for (const image of images) {
    if (image.kind === 'url') form.append(imageField, image.url);
    else form.append(imageField, new Blob([image.bytes], { type: image.contentType }), image.filename);
  }
  return { multipart: form };
}

/** §4.4 step 3 safety net: an envelope or widget that arrived as text/html. */
function envelopeMessage(value: Record<string, unknown>): string | null {
  if ('widgettype' in value) {
    const options = isRecord(value.options) ? value.options : {};
    return String(options.message ?? options.title ?? 'widget');
  }
  if (['ok', 'error', 'choose'].includes(String(value.status)) && 'data' in value) {
    return isRecord(value.data) && typeof value.data.message === 'string' ? value.data.message : String(value.status);
  }
  return null;
}

function refusal(message: string): SubmitOutcome {
  return { kind: 'refused', code: message.trim() === INSUFFICIENT_BALANCE ? 'insufficient_balance' : 'refused', message };
}

/** Folds stream events into what is known so far (§4.4 step 6). */
class StreamState {
  taskid: string | null = null;
  state: TaskState | null = null;
  terminal: TaskState | null = null;
  refusedText: string | null = null;
  constructor(private readonly callbacks: SubmitCallbacks) {}

  take(event: StreamEvent): void {
    if (event.kind === 'junk') return this.callbacks.onWarning?.(`junk in the video stream (${event.text.length} characters)`);
    if (event.kind === 'error') {
      if (this.taskid === null) this.refusedText = this.refusedText ? `${this.refusedText}\n${event.message}` : event.message;
      else this.callbacks.onWarning?.('an ERROR: line after the taskid');
      return;
    }
    const value = event.value;
    const envelope = envelopeMessage(value);
    if (envelope !== null) {
      if (/please login first|need login/i.test(envelope)) throw new AppError('unauthorized', envelope);
      if (this.taskid === null) this.refusedText = envelope;
      else this.callbacks.onWarning?.('an envelope or widget after the taskid');
      return;
    }
    const state = decodeTaskState(value) ?? {};
    if (state.taskid && this.taskid === null) {
      this.taskid = state.taskid;
      this.callbacks.onTaskId?.(state.taskid);
    }
    const status = statusOf(state);
    if (status === null) {
      // An error-only object after a FAILED one adds to the failure text (§4.2 E).
      const failed = this.terminal ?? (this.taskid === null ? null : this.state);
      if (state.error && failed) failed.error = failed.error ? `${failed.error}\n${state.error}` : state.error;
      else if (state.error && this.taskid === null) this.refusedText = this.refusedText ? `${this.refusedText}\n${state.error}` : state.error;
      return;
    }
    if (this.taskid === null && status === 'FAILED') {
      this.refusedText = state.error ?? 'FAILED';
      return;
    }
    this.state = state;
    this.callbacks.onStatus?.(state);
    if (['SUCCEEDED', 'FAILED', 'UNKNOWN'].includes(status)) this.terminal = state;
  }

  outcome(transportError: AppError | null): SubmitOutcome {
    if (this.taskid !== null) {
      if (this.terminal && transportError) this.callbacks.onWarning?.('the connection broke after the final state');
      if (this.terminal) {
        const status = statusOf(this.terminal);
        return { kind: 'finished', taskid: this.taskid, state: this.terminal, failure: failureKind({ status, error: this.terminal.error, hadTaskid: true }) };
      }
      return { kind: 'submitted', taskid: this.taskid, state: this.state };
    }
    if (this.refusedText !== null) return refusal(this.refusedText);
    return { kind: 'unknown', code: transportError?.code ?? 'malformed', message: transportError?.message ?? '提交结果不明 / The submission answered nothing usable' };
  }
}

export interface SubmitOptions {
  callbacks?: SubmitCallbacks;
  timeouts?: Partial<StreamTimeouts>;
}

export async function submitVideo(http: PlatformHttpClient, submission: VideoSubmission, options: SubmitOptions = {}): Promise<SubmitOutcome> {
  const body = buildVideoBody(submission);
  const folded = new StreamState(options.callbacks ?? {});
  let chunks: AsyncIterable<Buffer>;
  try {
    chunks = await http.openStream(VIDEO_PATH, body, { timeouts: options.timeouts });
  } catch (error) {
    if (!isAppError(error)) throw error;
    // Decided before any streaming: nothing was created (§3.10), except when the link broke mid-way.
    if (error.code === 'app' || error.code === 'widget' || error.code === 'server') return refusal(error.message);
    if ((error.code === 'transport' || error.code === 'timeout') && !NOT_SENT.has(error.detail ?? '')) return { kind: 'unknown', code: error.code, message: error.message };
    throw error;
  }
  const parser = new VideoStreamParser();
  let transportError: AppError | null = null;
  try {
    for await (const chunk of chunks) for (const event of parser.push(chunk)) folded.take(event);
  } catch (error) {
    if (!isAppError(error) || error.code === 'unauthorized') throw error;
    transportError = error;
  }
  // Whatever is left is read too: a last object without newline, or a truncated one (junk).
  for (const event of parser.end()) folded.take(event);
  return folded.outcome(transportError);
}
