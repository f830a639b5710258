/** Orders (usage records), one page at a time. */

export interface OrderRow {
  llmid: string;
  name: string;
  model: string;
  useDate: string;
  useTime: string;
  usage: Record<string, unknown> | null;
  amount: number | null;
  userid: string;
  status: string;
  accountingStatus: string;
}

export interface OrdersPage {
  total: number;
  page: number;
  pageSize: number;
  rows: OrderRow[];
}

/**
 * Every order row saved on this computer for the signed-in account (`orders.history`), newest
 * first: the pages main has read, kept between runs, so the spend chart opens at once and a
 * refresh reads only what is new. Rows the platform has since moved out stay here.
 */
export interface OrdersHistory {
  rows: OrderRow[];
  /** Epoch ms of the last successful read from the platform; null when never read. */
  fetchedAt: number | null;
  /** Every page up to the platform's last was read at least once. */
  reachedEnd: boolean;
}

/** `orders.history.progress`: how far a read of the orders pages has come. */
export interface OrdersHistoryProgress {
  /** Rows read from the platform by this refresh so far. */
  loaded: number;
  /** The platform's row count, when it gave one. */
  total: number | null;
  /** False once the read has finished (or failed). */
  running: boolean;
}
