import { describe, expect, it } from 'vitest';
import { manualSystemEvents, memoryDataPaths, memorySecretBox, memoryStore, recordingProgressBadge, scriptedFolderPicker } from './memory-ports';

describe('memory port fakes', () => {
  it('the secret box keeps values except in memory mode; the store keeps what it is given', async () => {
    const box = memorySecretBox();
    await box.save('a', 'secret');
    expect(await box.load('a')).toBe('secret');
    const memory = memorySecretBox('memory');
    await memory.save('a', 'secret');
    expect(await memory.load('a')).toBeNull();
    const store = memoryStore();
    store.set('k', { v: 1 });
    expect(store.get('k')).toEqual({ v: 1 });
  });

  it('system events fire only for their subscribers, until they unsubscribe', () => {
    const events = manualSystemEvents();
    const seen: string[] = [];
    const off = events.on('suspend', () => seen.push('suspend'));
    events.on('online', () => seen.push('online'));
    events.emit('suspend');
    off();
    events.emit('suspend');
    events.emit('online');
    expect(seen).toEqual(['suspend', 'online']);
    expect(events.listenerCount()).toBe(1);
  });

  it('the folder picker answers from its script, then cancels; paths and badge record', async () => {
    const picker = scriptedFolderPicker(['/a']);
    expect(await picker.pickFolder({ title: 't' })).toBe('/a');
    expect(await picker.pickFolder({ title: 'u' })).toBeNull();
    expect(picker.asked.map((q) => q.title)).toEqual(['t', 'u']);
    expect(memoryDataPaths('/r').downloadsDir()).toBe('/r/downloads');
    const badge = recordingProgressBadge();
    badge.setProgress(0.5);
    badge.setProgress(null);
    expect(badge.values).toEqual([0.5, null]);
  });
});
