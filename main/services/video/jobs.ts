/**
 * Sending videos (platform-api.md §4.4, §10.1, §10.3, §10.7). One submission:
 *   checked against the model's form → written to the ledger with a fresh transno → sent ONCE
 *   → the taskid stored the moment it arrives → the stream read to its end → the outcome
 *   recorded. A stream that ends without a final state hands the task to the poller; a lost
 *   answer leaves the entry pending for the poller to find by transno. Never resubmitted by
 *   itself: one platform request per formId for the life of the process, whatever clicks,
 *   windows or tabs repeat it (only a refusal, where nothing was created, frees the formId).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { SubmissionInput } from '../../../preload/contract/routes/video';
import type { BatchResult, TaskView } from '../../../preload/contract/models/tasks';
import type { TaskState, VideoModel } from '../../../preload/contract/models/video';
import type { Clock, KeyValueStore, Logger } from '../../core/ports';
import { AppError, isAppError } from '../../lib/errors';
import type { PlatformHttpClient } from '../../platform/http';
import { isRecord } from '../../platform/normalize';
import type { StreamTimeouts } from '../../platform/http-stream';
import { buildVideoBody, submitVideo, type ImageInput, type SubmitOutcome } from '../../platform/video';
import type { TaskLedger } from '../tasks/ledger';
import { remotePatch } from '../tasks/reconcile';
import type { TaskPatch } from '../tasks/types';
import { toTaskView } from '../tasks/view';
import type { ModelCatalog } from './catalog';
import { checkSubmission } from './fields';
import { CONTENT_TYPE_OF_EXTENSION } from './images';

export interface JobsDeps {
  http: PlatformHttpClient;
  catalog: ModelCatalog;
  /** The ledger, once open (the tasks module opens it in its `ready`). */
  ledger(): TaskLedger;
  session: { isSignedIn(): boolean };
  /** Where picked images are copied; the only folder images may come from. */
  inputsDir(): string;
  store: KeyValueStore;
  clock: Clock;
  logger: Logger;
  /** A stream ended without a final state, or the answer was lost: look now. */
  poke(): void;
  timeouts?: Partial<StreamTimeouts>;
  /** The balance last read (null when unknown): words an insufficient-balance refusal (§10.6). */
  lastBalance?(): number | null;
}

const lastFormKey = (modelId: string) => `video.lastForm.${modelId}`;

/** §10.6: when the balance looks sufficient, running tasks may be holding funds; say so. */
export function insufficientBalanceMessage(balance: number | null, model: VideoModel): string {
  if (balance !== null && balance > (model.minBalance ?? 0)) {
    return '账户余额不够：运行中的任务可能暂时占用了余额 / Insufficient balance: running tasks may be holding funds';
  }
  return '账户余额不够，请先充值 / Insufficient balance; please recharge first';
}

export class VideoJobs {
  /** formId → the submission it started (kept for the process lifetime, §10.1: no money spent twice). */
  private readonly forms = new Map<string, Promise<{ localId: string }>>();

  constructor(private readonly deps: JobsDeps) {}

  /** The last values sent with this model (remembered on each submission that created a task). */
  lastForm(modelId: string): Record<string, unknown> | null {
    const stored = this.deps.store.get(lastFormKey(modelId));
    return isRecord(stored) ? stored : null;
  }

  async submit(input: SubmissionInput): Promise<TaskView> {
    this.requireSignIn();
    let started = this.forms.get(input.formId);
    if (!started) {
      started = this.start(input);
      this.forms.set(input.formId, started);
      // Refused before anything existed (or never sent): the same form may be sent again by hand.
      started.catch(() => this.forms.delete(input.formId));
    }
    const { localId } = await started;
    // Written before the request left; the ledger never drops an entry (hiding only flags it).
    return toTaskView(this.deps.ledger().get(localId)!);
  }

  /** One task per prompt line, same settings, one at a time; the first refusal stops the rest. */
  async submitBatch(input: SubmissionInput & { prompts: string[] }): Promise<BatchResult> {
    this.requireSignIn();
    const model = await this.deps.catalog.find(input.modelId, input.catalog);
    // Every line is checked before anything is sent: a bad line 5 must not stop a half-sent batch.
    input.prompts.forEach((prompt, index) => {
      try {
        checkSubmission(model, { ...input.values, prompt }, this.deps.inputsDir());
      } catch (error) {
        // checkSubmission refuses with invalid_input only (its schema never throws).
        throw new AppError('invalid_input', `第 ${index + 1} 行 / Line ${index + 1}: ${(error as AppError).message}`);
      }
    });
    const result: BatchResult = { submitted: [], notSent: [] };
    for (const [index, prompt] of input.prompts.entries()) {
      if (result.refusal) {
        result.notSent.push(index);
        continue;
      }
      try {
        result.submitted.push(await this.submit({ ...input, values: { ...input.values, prompt }, formId: `${input.formId}#${index}` }));
      } catch (error) {
        const shape = isAppError(error) ? error.toShape() : { code: 'internal', message: '提交失败 / The submission failed' };
        result.refusal = { code: shape.code, message: shape.message };
        result.notSent.push(index);
      }
    }
    return result;
  }

  private requireSignIn(): void {
    if (!this.deps.session.isSignedIn()) throw new AppError('unauthorized', '请先登录 / Please sign in first');
  }

  private async start(input: SubmissionInput): Promise<{ localId: string }> {
    const model = await this.deps.catalog.find(input.modelId, input.catalog);
    const checked = checkSubmission(model, input.values, this.deps.inputsDir());
    const images = await this.readImages(checked.images);
    const submission = { catalog: input.catalog, llmid: model.id, prompt: checked.prompt, fields: checked.fields, images };
    // A dry build refuses a wrong image count or a bad image before the ledger holds anything.
    buildVideoBody({ ...submission, transno: 'dry-run' });

    const ledger = this.deps.ledger();
    const record = await ledger.createPending({
      modelId: model.id,
      modelName: model.name,
      llmid: model.id,
      catalog: input.catalog,
      prompt: checked.prompt,
      params: checked.params,
      inputImages: checked.images,
      ...(input.quotedPrice !== undefined ? { quotedPrice: input.quotedPrice } : {}),
    });
    const localId = record.localId;
    // Stream callbacks are synchronous; their ledger writes run in order on this chain.
    let writes: Promise<unknown> = Promise.resolve();
    const write = (patch: () => Promise<unknown>) => {
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      writes = writes.then(patch).catch((error: unknown) => this.deps.logger.error('task ledger write failed', { localId, error: String(error) }));
    };
    let taskidStored = false;
    let created!: () => void;
    const taskCreated = new Promise<void>((resolve) => (created = resolve));
    const streamed = (async () => {
      let outcome: SubmitOutcome;
      try {
        outcome = await submitVideo(this.deps.http, { ...submission, transno: record.transno }, {
          timeouts: this.deps.timeouts,
          callbacks: {
            onTaskId: (taskid) =>
              write(async () => {
                await ledger.recordTaskId(localId, taskid);
                taskidStored = true;
                created();
              }),
            onStatus: (state) => write(() => this.applyState(localId, state)),
            // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
            onWarning: (text) => this.deps.logger.warn('video stream', { localId, text }),
          },
        });
      } catch (error) {
        await writes;
        if (taskidStored) {
          // The task exists on the platform (a sign-out mid-stream, say): the poller follows it.
          // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
          this.deps.logger.warn('video stream broke after the taskid; the poller follows the task', { localId, error: String(error) });
          this.deps.poke();
          return;
        }
        // Thrown before any task existed (signed out, refused address): nothing was created.
        const message = isAppError(error) ? error.message : '提交失败 / The submission failed';
        await ledger.update(localId, { status: 'FAILED', failureKind: 'refused', error: message });
        throw error;
      }
      await writes;
      await this.record(localId, outcome, model);
    })();
    // Once the platform made the task (its taskid is stored) the submission is done for the user;
    // the stream is still read to its end (§10.7) in the background: in the line-per-status form
    // it stays open until the video is ready, and neither the studio nor a batch waits for that.
    // A refusal (nothing made) rejects here; past this line a task exists, or may (an answer lost).
    await Promise.race([streamed, taskCreated]);
    this.rememberForm(model.id, { ...input.values, prompt: checked.prompt }, localId);
    // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
    streamed.catch((error: unknown) => this.deps.logger.error('video stream ended with an error after the taskid', { localId, error: String(error) }));
    return { localId };
  }

  private async record(localId: string, outcome: SubmitOutcome, model: VideoModel): Promise<void> {
    const ledger = this.deps.ledger();
    if (outcome.kind === 'refused') {
      await ledger.update(localId, { status: 'FAILED', failureKind: 'refused', error: outcome.message });
      if (outcome.code === 'insufficient_balance') {
        throw new AppError('insufficient_balance', insufficientBalanceMessage(this.deps.lastBalance?.() ?? null, model), { detail: outcome.message });
      }
      throw new AppError('refused', outcome.message);
    }
    // The final state went through onStatus like every other (its write awaited above): folded in already.
    if (outcome.kind === 'finished') return;
    // The task lives on the server (or may: an answer lost before its taskid): the poller follows
    // it by taskid, or finds it by transno (§10.1). Never sent again from here.
    // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
    if (outcome.kind === 'unknown') this.deps.logger.warn('video submission answered nothing usable; reconciling by transno', { localId, code: outcome.code });
    this.deps.poke();
  }

  /**
   * Remembers the values sent once a task exists (or may). A settings store that cannot write
   * (a full disk) costs only the remembered form: were it to fail the submission, the formId
   * would be freed and the same form could be sent, and paid for, a second time.
   */
  private rememberForm(modelId: string, values: Record<string, unknown>, localId: string): void {
    try {
      this.deps.store.set(lastFormKey(modelId), values);
    } catch (error) {
      // Stryker disable next-line StringLiteral: log wording (tests assert the fields, not the sentence)
      this.deps.logger.warn('could not remember the last form', { localId, error: String(error) });
    }
  }

  /** A stream state folded in with the same rules as the poller's (never downgrade, failure kinds, result expiry). */
  private async applyState(localId: string, state: TaskState): Promise<void> {
    const ledger = this.deps.ledger();
    // The entry exists (see submit); the stream reports only states that have a status. A
    // state's taskid is recorded by onTaskId, ahead of it on the same write chain.
    const current = ledger.get(localId)!;
    const patch: TaskPatch | null = remotePatch(
      current,
      { taskid: current.taskid ?? '', status: state.status!, resultUrls: state.video ? [state.video] : [], ...(state.error ? { error: state.error } : {}) },
      this.deps.clock.now(),
    );
    if (patch) await ledger.update(localId, patch);
  }

  private async readImages(paths: readonly string[]): Promise<ImageInput[]> {
    const images: ImageInput[] = [];
    for (const path of paths) {
      // isInputCopy admitted only <sha256>.jpg|png|webp: the extension names the type.
      const contentType = CONTENT_TYPE_OF_EXTENSION[extname(path).slice(1)]!;
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        throw new AppError('invalid_input', `图片已不存在，请重新选择：${basename(path)} / The image is gone; pick it again`);
      }
      images.push({ kind: 'file', bytes, filename: basename(path), contentType });
    }
    return images;
  }
}
