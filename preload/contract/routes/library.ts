import type { LibraryAgain, LibraryFilter, LibraryItem } from '../models';
import type { Route } from './route';

/** The local library: the videos in the download folder, found through their sidecars. */
export interface LibraryRoutes {
  /** The items that match, newest first. */
  'library.list': Route<LibraryFilter, LibraryItem[]>;
  /** Reads the folder again (files moved, a reinstall); counts of what it found. */
  'library.rescan': Route<void, { items: number; missing: number }>;
  /** Shows the file in the system file manager. */
  'library.reveal': Route<{ id: string }, null>;
  /** Opens the file with the system's video player. */
  'library.openExternal': Route<{ id: string }, null>;
  /** Moves the video, its sidecar and its input copies to the trash. */
  'library.trash': Route<{ id: string }, null>;
  /** The settings and fresh copies of the input images, to refill the studio. */
  'library.again': Route<{ id: string }, LibraryAgain>;
}
