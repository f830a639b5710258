import type { CatalogId } from './video';

/** One video in the local library: a video file in the download folder and its sidecar. */
export interface LibraryItem {
  /** Stable while the file stays where it is: derived from its path relative to the library folder. */
  id: string;
  /** The video's path relative to the library folder (forward slashes). */
  relPath: string;
  /** Where the page can play it: `yj-media://…` in the desktop app, `/__yj/media/…?token=…` in the browser host. */
  mediaUrl: string;
  /** The input images' copies, as media URLs (for thumbnails and "再来一次"). */
  inputImageUrls: string[];
  localId: string;
  taskid: string | null;
  transno: string;
  modelId: string;
  modelName: string;
  llmid: string;
  catalog: CatalogId;
  prompt: string;
  params: Record<string, unknown>;
  quotedPrice: number | null;
  amount: number | null;
  /** Epoch ms. */
  createdAt: number;
  finishedAt: number | null;
  downloadedAt: number;
  bytes: number;
  /** The video file was moved or deleted outside the app (the sidecar is still there). */
  missing: boolean;
}

export interface LibraryFilter {
  /** Matched against the prompt (and model name), case-insensitive, NFKC-normalised. */
  query?: string;
  modelId?: string;
  catalog?: CatalogId;
  /** Epoch ms bounds on `createdAt`, inclusive. */
  from?: number;
  to?: number;
}

/** What "再来一次" needs to refill the studio from a library item (its task may be long gone). */
export interface LibraryAgain {
  modelId: string;
  catalog: CatalogId;
  prompt: string;
  /** The sent values; image fields name the fresh copies below (an image whose copy is gone is left out). */
  params: Record<string, unknown>;
  /** Fresh local copies of the input images in the data folder, ready to submit again. */
  inputImages: string[];
}
