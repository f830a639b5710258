/**
 * The vitest hooks of the download fault-matrix files, apart from the rig itself so the bench and
 * the crash child (plain tsx processes) can use the rig without loading vitest. Tests only.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startDownloadRig, type DownloadRig } from './download-rig';

/**
 * The hooks every fault-matrix file needs, registered once: a rig for the file, a clean server
 * (no faults, no request log, no cookie) before each test and no queue left running after it.
 * Call at the top of a test file; the getter answers the rig inside tests.
 */
export function useDownloadRig(mediaBytes: number): () => DownloadRig {
  let rig: DownloadRig | null = null;
  const current = (): DownloadRig => {
    if (!rig) throw new Error('the download rig is not started (useDownloadRig must run at the top of a test file)');
    return rig;
  };
  beforeAll(async () => {
    rig = await startDownloadRig(mediaBytes);
  });
  afterAll(async () => rig?.close());
  beforeEach(() => {
    current().sim.control.clearFaults();
    current().sim.control.clearRequests();
    current().cookie = null;
  });
  afterEach(async () => current().closeQueues());
  return current;
}
