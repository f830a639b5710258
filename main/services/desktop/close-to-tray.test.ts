import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../testing/memory-ports';
import { CloseToTray, TRAY_NOTICE_KEY } from './close-to-tray';

function setup(overrides: { keep?: boolean; work?: boolean; tray?: boolean } = {}) {
  const state = { keep: true, work: true, tray: true, ...overrides };
  const notices: { title: string; body: string }[] = [];
  const store = memoryStore();
  const policy = new CloseToTray({
    keepRunningInTray: () => state.keep,
    isWorkActive: () => state.work,
    hasTray: () => state.tray,
    store,
    notifier: { notify: (notice) => void notices.push(notice) },
  });
  return { policy, state, notices, store };
}

describe('CloseToTray', () => {
  it('hides to the tray while work is active, and says so only the first time ever', () => {
    const { policy, notices, store } = setup();
    expect(policy.onCloseRequested()).toBe('hide');
    expect(policy.onCloseRequested()).toBe('hide');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toContain('后台');
    expect(store.get(TRAY_NOTICE_KEY)).toBe(true);
    // A later start with the remembered flag stays quiet.
    const again = new CloseToTray({ keepRunningInTray: () => true, isWorkActive: () => true, hasTray: () => true, store, notifier: { notify: () => notices.push({ title: 'x', body: 'x' }) } });
    expect(again.onCloseRequested()).toBe('hide');
    expect(notices).toHaveLength(1);
  });

  it('closes when nothing runs, when the user turned it off, or without a tray', () => {
    expect(setup({ work: false }).policy.onCloseRequested()).toBe('close');
    expect(setup({ keep: false }).policy.onCloseRequested()).toBe('close');
    const noTray = setup({ tray: false });
    expect(noTray.policy.onCloseRequested()).toBe('close');
    expect(noTray.notices).toHaveLength(0);
  });

  it('always closes once the app is quitting', () => {
    const { policy } = setup();
    policy.markQuitting();
    expect(policy.onCloseRequested()).toBe('close');
  });
});
