/** Download and library fixtures for component tests, shaped like main's answers. */
import type { DownloadView, LibraryItem } from '@contract';

export function fakeDownload(overrides: Partial<DownloadView> = {}): DownloadView {
  const localId = overrides.localId ?? 'local-1';
  return {
    id: localId,
    localId,
    taskid: `task-${localId}`,
    name: `2026-12-02_viduq1_egret_${localId}.mp4`,
    dir: '/home/u/Videos/元境',
    state: 'running',
    bytesDone: 25 * 1024 * 1024,
    bytesTotal: 100 * 1024 * 1024,
    speed: 5 * 1024 * 1024,
    etaSeconds: 15,
    expiresAt: Date.now() + 30 * 60_000,
    addedAt: 1_764_000_000_000,
    error: null,
    file: null,
    canOpenInBrowser: false,
    ...overrides,
  };
}

export function fakeLibraryItem(overrides: Partial<LibraryItem> = {}): LibraryItem {
  const id = overrides.id ?? 'item-1';
  return {
    id,
    relPath: `2026-12-02_viduq1_egret_${id}.mp4`,
    mediaUrl: `/__yj/media/${id}.mp4?token=t`,
    inputImageUrls: [],
    localId: `local-${id}`,
    taskid: `task-${id}`,
    transno: `tn-${id}`,
    modelId: 'vidu-q1-t2v',
    modelName: 'Vidu Q1',
    llmid: 'llm-1',
    catalog: 't2v',
    prompt: '一只白鹭掠过湖面',
    params: { prompt: '一只白鹭掠过湖面', duration: 5, resolution: '1080p' },
    quotedPrice: 2.5,
    amount: 2.5,
    createdAt: 1_764_000_000_000,
    finishedAt: 1_764_000_100_000,
    downloadedAt: 1_764_000_200_000,
    bytes: 12 * 1024 * 1024,
    missing: false,
    ...overrides,
  };
}
