import type { OrdersHistory, OrdersPage } from '../models';
import type { Route } from './route';

export interface OrdersRoutes {
  'orders.list': Route<{ page: number; pageSize: number }, OrdersPage>;
  /**
   * The saved order rows of this account. `cached`: what is saved, without asking the
   * platform; `refresh`: read the pages until rows already saved are reached, then save;
   * `full`: read every page again. Progress arrives as `orders.history.progress`.
   */
  'orders.history': Route<{ mode: 'cached' | 'refresh' | 'full' }, OrdersHistory>;
}
