import type { DownloadView } from '../models';
import type { Route } from './route';

/** Downloads of finished videos (issue 8): the queue lives in main and survives restarts. */
export interface DownloadsRoutes {
  /** Every download main knows, newest first. */
  'downloads.list': Route<void, DownloadView[]>;
  /** Downloads a finished task's videos now (when auto-download is off, or after a cancel). */
  'downloads.start': Route<{ localId: string }, DownloadView[]>;
  'downloads.pause': Route<{ id: string }, DownloadView>;
  'downloads.resume': Route<{ id: string }, DownloadView>;
  /** Stops it and deletes its .part; the task is untouched. */
  'downloads.cancel': Route<{ id: string }, DownloadView>;
  /** A failed one again, from its .part where the server allows. */
  'downloads.retry': Route<{ id: string }, DownloadView>;
  /** The result link in the system browser (offered when the link failed for good). */
  'downloads.openInBrowser': Route<{ id: string }, null>;
  /** The system folder dialog for the download folder; the new settings, or null when cancelled. */
  'downloads.chooseFolder': Route<void, { dir: string } | null>;
}
