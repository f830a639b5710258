/**
 * Child process for the download crash test: opens the real DownloadQueue on `<dataDir>` (so a
 * restart continues what queue.json and the .part hold) and downloads one URL. It reports on stdout:
 * `ready`, `B <bytesDone>` on progress, `done <final path>` or `failed <code>`. Usage:
 *   download-crash-child.ts <dataDir> <url> <dir> <name>
 */
import { writeSync } from 'node:fs';
import { createMediaClient } from '../platform/media';
import { createDownloadEngine } from '../services/downloads/engine';
import { DownloadQueue, type DownloadItem } from '../services/downloads/queue';

const [dataDir = '', url = '', dir = '', name = ''] = process.argv.slice(2);
const say = (line: string): void => void writeSync(1, `${line}\n`);
const ID = 'crash';

const engine = createDownloadEngine({
  media: createMediaClient({ platformBaseUrl: () => new URL(url).origin, cookieHeader: () => null }),
  progressIntervalMs: 50,
});
const queue = await DownloadQueue.open({ engine, dataDir, backoff: { baseMs: 20, maxMs: 100 } });
const report = (item: DownloadItem | null): void => {
  if (item?.id !== ID) return;
  if (item.state === 'done') say(`done ${item.file ?? ''}`);
  else if (item.state === 'failed') say(`failed ${item.error?.code ?? ''}`);
  else if (item.state === 'running' && item.bytesDone > 0) say(`B ${item.bytesDone}`);
};
queue.onChange(report);
say('ready');
// After a restart the item is already there (queued again from queue.json): add() returns it as it is.
queue.add({ id: ID, url, dir, name });
report(queue.get(ID));
