/**
 * The studio: the models cache, the form's runtime checks, prices and the balance guard, the
 * image picker and the jobs that send videos into the task ledger (tasks module).
 */
import { join } from 'node:path';
import type { SessionState } from '../../../preload/contract';
import { createVideoRoutes, type VideoRoute, type VideoServices } from '../../ipc/handlers/video';
import { AppError } from '../../lib/errors';
import { fetchFieldOptions } from '../../platform/field-options';
import type { PlatformHttpClient } from '../../platform/http';
import type { StreamTimeouts } from '../../platform/http-stream';
import type { BalanceService } from '../../services/balance';
import type { TaskTracker } from '../../services/tasks/tracker';
import { ModelCatalog } from '../../services/video/catalog';
import { pickImages } from '../../services/video/images';
import { VideoJobs } from '../../services/video/jobs';
import { balanceCheck, quoteFor } from '../../services/video/quote';
import type { CoreModule, Kernel } from '../module';

export interface VideoModule extends CoreModule<VideoRoute> {
  catalog: ModelCatalog;
  jobs: VideoJobs;
}

export interface VideoModuleDeps {
  http: PlatformHttpClient;
  session: { isSignedIn(): boolean; state(): SessionState; onChange(listener: (state: SessionState) => void): () => void };
  serverUrl(): string | null;
  tracker: TaskTracker;
  balance: Pick<BalanceService, 'refresh' | 'last'>;
  streamTimeouts?: Partial<StreamTimeouts>;
}

export function createVideoModule(kernel: Kernel, deps: VideoModuleDeps): VideoModule {
  const { ports, clock, logger } = kernel;
  const dataPaths = ports.dataPaths;
  const inputsDir = () => join(dataPaths.dataDir(), 'inputs');
  const scope = () => {
    const user = deps.session.state().user;
    return user ? `${deps.serverUrl() ?? ''}|${user.id}` : '';
  };
  const catalog = new ModelCatalog({ http: deps.http, store: ports.store, clock, logger, scope });
  // Another account or server: its models (and prices, min balances) may differ.
  let lastScope = scope();
  const stopSession = deps.session.onChange(() => {
    const next = scope();
    if (next !== lastScope && lastScope !== '') catalog.clear();
    lastScope = next;
  });
  const whileBusy = async <T>(work: () => Promise<T>): Promise<T> => {
    const end = kernel.busy.begin('video-submit');
    try {
      return await work();
    } finally {
      end();
    }
  };
  const jobs = new VideoJobs({
    http: deps.http,
    catalog,
    ledger: () => deps.tracker.ledger(),
    session: deps.session,
    inputsDir,
    store: ports.store,
    clock,
    logger,
    poke: () => deps.tracker.poke(),
    lastBalance: () => deps.balance.last()?.total ?? null,
    ...(deps.streamTimeouts ? { timeouts: deps.streamTimeouts } : {}),
  });

  const video: VideoServices = {
    models: (id, refresh) => catalog.models(id, { refresh }),
    async fieldOptions(modelId, name) {
      const field = (await catalog.find(modelId)).fields.find((f) => f.name === name);
      if (!field) throw new AppError('not_found', `模型没有这个字段：${name} / The model has no field “${name}”`);
      return fetchFieldOptions(deps.http, field);
    },
    quote: async (modelId, values) => quoteFor(deps.http, await catalog.find(modelId), values),
    async balanceCheck({ modelId, quotedPrice, count }) {
      const model = await catalog.find(modelId);
      const { total } = await deps.balance.refresh();
      return balanceCheck({ balance: total ?? 0, model, quotedPrice, count, running: deps.tracker.ledger().active() });
    },
    pickImages: (multiple) => pickImages({ picker: ports.filePicker ?? null, inputsDir: inputsDir(), logger }, multiple),
    lastForm: (modelId) => jobs.lastForm(modelId),
    // Busy while a submission is on its way: "restart to update" waits (its taskid may not be stored yet).
    submit: (input) => whileBusy(() => jobs.submit(input)),
    submitBatch: (input) => whileBusy(() => jobs.submitBatch(input)),
  };
  return {
    routes: createVideoRoutes({ session: deps.session, video }),
    catalog,
    jobs,
    dispose: () => stopSession(),
  };
}
