import type { OrdersPage } from '../models';
import type { Route } from './route';

export interface OrdersRoutes {
  'orders.list': Route<{ page: number; pageSize: number }, OrdersPage>;
}
