import type { DownloadErrorCode } from '@contract';
import type zh from '../zh-CN/download-errors';

const errors: Record<DownloadErrorCode, string> = {
  network: 'The connection was interrupted; retrying shortly',
  timeout: 'The video server stopped responding',
  server: 'The video server answered with an error',
  expired_link: 'The download link no longer works; open it in the browser',
  disk_full: 'Not enough disk space; the part already downloaded is kept: free some space and choose Retry',
  length_mismatch: 'The file size does not match what the server announced',
  rename_failed: 'Could not finish the file (an antivirus or a player may hold it)',
  io: 'Could not write the file',
  paused: 'Paused',
  cancelled: 'Cancelled',
};

export default { downloads: { errors } } satisfies typeof zh;
