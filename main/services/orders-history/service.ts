/**
 * The orders history behind the spend chart: reads the orders pages (§3.9) in main, page by
 * page, publishing `orders.history.progress`, and keeps the rows per account on disk so that
 * reopening the screen is instant and a refresh reads only the newest pages.
 *
 * One read per account at a time (a second caller joins the first). A read that fails half-way
 * saves nothing: merging a partial read would leave a gap the next refresh could not see.
 */
import type { OrdersHistory, OrderRow, SessionState } from '../../../preload/contract';
import { ORDERS_MAX_PAGE_SIZE } from '../../../preload/contract/limits';
import type { EventBus } from '../../core/bus';
import type { Clock, Logger } from '../../core/ports';
import { AppError } from '../../lib/errors';
import { fetchOrders } from '../../platform/orders';
import type { PlatformHttp } from '../../platform/types';
import { mergeRows, reachedSaved, rowKey, unsettledFloor } from './merge';
import { historyFile, loadHistory, saveHistory, type SavedHistory } from './store';

export type HistoryMode = 'cached' | 'refresh' | 'full';

export interface OrdersHistoryOptions {
  http: PlatformHttp;
  session: { state(): SessionState };
  serverUrl(): string | null;
  /** The folder of the saved histories (`<dataDir>/orders-history`). */
  dir: string;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** Rows per page read from the platform (the simulator and tests use smaller pages). */
  pageSize?: number;
  /** A bound on one read: 100 pages of 200 rows. */
  maxPages?: number;
}

const DEFAULT_PAGE_SIZE = 200;
const DEFAULT_MAX_PAGES = 100;

export class OrdersHistoryService {
  private readonly memory = new Map<string, SavedHistory>();
  private readonly reads = new Map<string, Promise<SavedHistory>>();
  private readonly pageSize: number;
  private readonly maxPages: number;

  constructor(private readonly options: OrdersHistoryOptions) {
    this.pageSize = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, ORDERS_MAX_PAGE_SIZE);
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  }

  async read(mode: HistoryMode): Promise<OrdersHistory> {
    const file = this.fileOfCurrentAccount();
    let history = await this.saved(file);
    if (mode !== 'cached') {
      let running = this.reads.get(file);
      if (!running) {
        running = this.refresh(file, history, mode === 'full').finally(() => this.reads.delete(file));
        this.reads.set(file, running);
      }
      history = await running;
    }
    return { rows: history.rows, fetchedAt: history.fetchedAt, reachedEnd: history.reachedEnd };
  }

  private fileOfCurrentAccount(): string {
    const user = this.options.session.state().user;
    const account = user ? user.id || user.username : '';
    if (!user || !account) throw new AppError('unauthorized', '请先登录 / Please sign in first');
    return historyFile(this.options.dir, this.options.serverUrl() ?? '', account);
  }

  private async saved(file: string): Promise<SavedHistory> {
    let history = this.memory.get(file);
    if (!history) {
      history = await loadHistory(file);
      this.memory.set(file, history);
    }
    return history;
  }

  private async refresh(file: string, saved: SavedHistory, full: boolean): Promise<SavedHistory> {
    const { http, bus, clock, logger } = this.options;
    const known = new Map<string, OrderRow>(saved.rows.map((row) => [rowKey(row), row]));
    const floor = unsettledFloor(saved.rows, clock.now());
    const fresh: OrderRow[] = [];
    let total: number | null = null;
    let reachedEnd = false;
    bus.publish('orders.history.progress', { loaded: 0, total: null, running: true });
    try {
      for (let page = 1; page <= this.maxPages; page += 1) {
        const result = await fetchOrders(http, page, this.pageSize);
        total = result.total;
        fresh.push(...result.rows);
        bus.publish('orders.history.progress', { loaded: fresh.length, total, running: true });
        // A short page is the last one (a declared total may be missing or stale).
        if (result.rows.length < this.pageSize) {
          reachedEnd = true;
          break;
        }
        if (!full && reachedSaved(result.rows, known, floor)) break;
      }
    } catch (error) {
      bus.publish('orders.history.progress', { loaded: fresh.length, total, running: false });
      throw error;
    }
    const next: SavedHistory = {
      rows: mergeRows(saved.rows, fresh),
      fetchedAt: clock.now(),
      reachedEnd: reachedEnd || saved.reachedEnd,
    };
    this.memory.set(file, next);
    try {
      await saveHistory(file, next);
    } catch (error) {
      // The rows are still served from memory; the next refresh reads them again.
      logger.warn('orders history could not be saved', { error: String(error) });
    }
    bus.publish('orders.history.progress', { loaded: fresh.length, total, running: false });
    return next;
  }
}
