/**
 * `orders.list`: one page of usage records, page size bounded by the contract's limits.
 * `orders.history`: every saved row of this account, read on from the platform on request.
 */
import { z } from 'zod';
import { ORDERS_DEFAULT_PAGE_SIZE, ORDERS_MAX_PAGE_SIZE, ORDERS_MIN_PAGE_SIZE } from '../../../preload/contract/limits';
import type { RouteSet, SchemaMap } from '../../core/routes';
import { fetchOrders } from '../../platform/orders';
import type { PlatformHttp } from '../../platform/types';
import type { OrdersHistoryService } from '../../services/orders-history/service';
import { requireSignIn, type SignedIn } from './signed-in';

export type OrdersRoute = 'orders.list' | 'orders.history';

export const ordersSchemas: Pick<SchemaMap, OrdersRoute> = {
  'orders.list': z.object({
    page: z.number().int('页码必须是整数 / The page must be a whole number').min(1, '页码从 1 开始 / Pages start at 1').max(100_000).default(1),
    pageSize: z
      .number()
      .int('每页条数必须是整数 / The page size must be a whole number')
      .min(ORDERS_MIN_PAGE_SIZE, `每页至少 ${ORDERS_MIN_PAGE_SIZE} 条 / At least ${ORDERS_MIN_PAGE_SIZE} rows per page`)
      .max(ORDERS_MAX_PAGE_SIZE, `每页最多 ${ORDERS_MAX_PAGE_SIZE} 条 / At most ${ORDERS_MAX_PAGE_SIZE} rows per page`)
      .default(ORDERS_DEFAULT_PAGE_SIZE),
  }),
  'orders.history': z.object({
    mode: z.enum(['cached', 'refresh', 'full'], { message: '读取方式无效 / Unknown history mode' }).default('cached'),
  }),
};

export function createOrdersRoutes(deps: { http: PlatformHttp; session: SignedIn; history: OrdersHistoryService }): RouteSet<OrdersRoute> {
  return {
    schemas: ordersSchemas,
    handlers: {
      'orders.list': async ({ page, pageSize }) => {
        requireSignIn(deps.session);
        return fetchOrders(deps.http, page, pageSize);
      },
      'orders.history': async ({ mode }) => {
        requireSignIn(deps.session);
        return deps.history.read(mode);
      },
    },
  };
}
