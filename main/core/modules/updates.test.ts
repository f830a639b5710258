/** The updates routes and event through createCore, with a scripted updater and the BusyTracker. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, RouteInput, RouteName, RouteOutput } from '../../../preload/contract';
import { silentLogger } from '../../lib/logger';
import { memorySecretBox, memoryStore, scriptedUpdater, memoryDataPaths } from '../../testing/memory-ports';
import { createCore, type Core, type CorePorts } from '../index';

const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.dispose()));
});

function make(updater: CorePorts['updater']): { core: Core; events: AppEvent[] } {
  const core = createCore(
    { store: memoryStore(), secrets: memorySecretBox(), opener: { open: async () => {} }, logger: silentLogger, dataPaths: memoryDataPaths(), ...(updater ? { updater } : {}) },
    { runtime: 'electron', version: '1.0.0', officialServerUrl: '' },
  );
  cores.push(core);
  const events: AppEvent[] = [];
  core.bus.subscribe((event) => events.push(event));
  return { core, events };
}

async function call<K extends RouteName>(core: Core, route: K): Promise<RouteOutput<K>> {
  return core.handlers[route](core.schemas[route].parse(undefined) as RouteInput<K>);
}

const release = { version: '1.1.0', notes: '<p>修复了若干问题</p>' };

describe('updates module', () => {
  it('is disabled with its reason when the runtime has no updater', async () => {
    const { core } = make(undefined);
    expect(await call(core, 'updates.state')).toEqual({ currentVersion: '1.0.0', state: { status: 'disabled', reason: 'no-provider' } });
    const dev = make({ updater: null, disabledReason: 'development' }).core;
    expect((await call(dev, 'updates.check')).state).toEqual({ status: 'disabled', reason: 'development' });
    expect(await call(dev, 'updates.restart')).toEqual({ ok: false, reason: 'not-ready' });
  });

  it('checks, downloads and publishes each step as updates.changed until ready', async () => {
    const { core, events } = make({ updater: scriptedUpdater(release) });
    const answer = await call(core, 'updates.check');
    expect(answer).toEqual({ currentVersion: '1.0.0', state: { status: 'ready', update: release } });
    const statuses = events.filter((event) => event.event === 'updates.changed').map((event) => (event.payload as { state: { status: string } }).state.status);
    expect(statuses[0]).toBe('checking');
    expect(statuses).toContain('downloading');
    expect(statuses.at(-1)).toBe('ready');
  });

  it('refuses to restart while a video submission is in flight, and installs once it ended', async () => {
    const updater = scriptedUpdater(release);
    const { core } = make({ updater });
    await call(core, 'updates.check');
    const end = core.busy.begin('video-submit');
    expect(await call(core, 'updates.restart')).toEqual({ ok: false, reason: 'busy' });
    expect(updater.installs).toBe(0);
    end();
    expect(await call(core, 'updates.restart')).toEqual({ ok: true });
    expect(updater.installs).toBe(1);
  });

  it('reports a failed download as an error with a retry time', async () => {
    const updater = scriptedUpdater(release);
    updater.failDownload = true;
    const { core } = make({ updater });
    const answer = await call(core, 'updates.check');
    expect(answer.state).toMatchObject({ status: 'error', code: 'download_failed' });
  });
});
