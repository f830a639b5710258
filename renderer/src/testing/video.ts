/**
 * Video studio and task fixtures for component tests: models, tasks and quotes shaped like
 * main's answers (preload/contract/models), and a set of fake-bridge handlers for the studio.
 */
import type { BalanceCheck, CatalogId, Quote, TaskView, VideoModel } from '@contract';
import { ok, type FakeHandlers } from '@/api/testing/fake-bridge';
import { fieldOf, optionsOf } from './studio-fields';

export function fakeModel(overrides: Partial<VideoModel> = {}): VideoModel {
  return {
    id: 'vidu-q1-t2v',
    name: 'Vidu Q1',
    model: 'viduq1',
    description: '1080p 文生视频，5 秒',
    catalog: 't2v',
    minBalance: 1,
    maxCost: 3,
    fields: [
      fieldOf('prompt', 'text', { required: true }),
      fieldOf('duration', 'int', { min: 1, max: 16, defaultValue: 5 }),
      fieldOf('resolution', 'code', { options: optionsOf('720p', '1080p'), defaultValue: '1080p' }),
    ],
    fieldsAreFallback: false,
    ...overrides,
  };
}

let taskCounter = 0;

export function fakeTask(overrides: Partial<TaskView> = {}): TaskView {
  taskCounter += 1;
  const localId = overrides.localId ?? `local-${taskCounter}`;
  return {
    localId,
    transno: `tn-${localId}`,
    taskid: `task-${localId}`,
    modelId: 'vidu-q1-t2v',
    modelName: 'Vidu Q1',
    llmid: 'llm-1',
    catalog: 't2v',
    prompt: '一只白鹭掠过湖面',
    params: { prompt: '一只白鹭掠过湖面', duration: 5, resolution: '1080p' },
    inputImages: [],
    status: 'processing',
    terminal: false,
    quotedPrice: 2.5,
    createdAt: 1_764_000_000_000,
    submittedAt: 1_764_000_000_500,
    updatedAt: 1_764_000_001_000,
    resultUrls: [],
    hidden: false,
    origin: 'local',
    ...overrides,
  };
}

export function quoteOf(price: number, listPrice = price * 1.25): Quote {
  return { llmid: 'llm-1', configData: {}, listPrice, price };
}

export const enoughBalance: BalanceCheck = { balance: 100, needed: 3, each: 3, reserveReason: 'quote', count: 1, heldByRunning: 0, missing: 0 };

/** Models per catalog (r2v empty unless given), a fixed quote, enough balance, no remembered form. */
export function studioHandlers(models: Partial<Record<CatalogId, VideoModel[]>> = { t2v: [fakeModel()] }): FakeHandlers {
  return {
    'video.models': ({ catalog }) => ok(models[catalog] ?? []),
    'video.lastForm': () => ok(null),
    'video.quote': () => ok(quoteOf(2.5)),
    'video.balanceCheck': () => ok(enoughBalance),
    'video.fieldOptions': () => ok([]),
  };
}
