import { describe, expect, it } from 'vitest';
import { inputsDirFor, isSidecarName, parseSidecar, sidecarPathFor, type Sidecar } from './sidecar';

const valid: Sidecar = {
  kind: 'yuanjing.video',
  version: 1,
  video: '2026-12-02_viduq1_cat_803110.mp4',
  localId: 'l1',
  taskid: '803110',
  transno: 'tn-1',
  modelId: 'm1',
  modelName: 'Vidu Q1',
  llmid: 'viduq1',
  catalog: 't2v',
  prompt: '屋顶上的猫',
  params: { duration: 4 },
  inputImages: ['2026-12-02_viduq1_cat_803110.inputs/1.png'],
  quotedPrice: 1.2,
  amount: 1.2,
  billing: 'accounted',
  createdAt: '2026-12-02T10:00:00.000Z',
  submittedAt: '2026-12-02T10:00:01.000Z',
  finishedAt: '2026-12-02T10:02:00.000Z',
  downloadedAt: '2026-12-02T10:02:10.000Z',
  sourceUrl: 'https://vendor.example/v.mp4',
  bytes: 1024,
  sha256: 'a'.repeat(64),
};

describe('sidecar', () => {
  it('round-trips a valid sidecar', () => {
    expect(parseSidecar(JSON.stringify(valid))).toEqual(valid);
  });

  it('refuses malformed text, foreign JSON and paths that leave the folder', () => {
    expect(parseSidecar('{not json')).toBeNull();
    expect(parseSidecar(JSON.stringify({ ...valid, kind: 'other' }))).toBeNull();
    expect(parseSidecar(JSON.stringify({ ...valid, video: '../x.mp4' }))).toBeNull();
    expect(parseSidecar(JSON.stringify({ ...valid, inputImages: ['C:\\x.png'] }))).toBeNull();
    expect(parseSidecar(JSON.stringify({ ...valid, createdAt: 'yesterday' }))).toBeNull();
  });

  it('names the sidecar and the inputs folder after the video', () => {
    expect(sidecarPathFor('/v/a.mp4')).toBe('/v/a.mp4.yj.json');
    expect(isSidecarName('a.mp4.yj.json')).toBe(true);
    expect(isSidecarName('a.json')).toBe(false);
    expect(inputsDirFor('/v/a.mp4')).toBe('/v/a.inputs');
  });
});
