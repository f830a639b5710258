/**
 * Merges the domain handler groups into the exhaustive HandlerMap / SchemaMap the router needs.
 * A route added to the contract without a handler makes this file fail to type-check.
 */
import type { RouteName } from '../../../preload/contract/routes';
import type { HandlerMap, SchemaMap } from '../types';

export interface RouteGroup<K extends RouteName> {
  handlers: Pick<HandlerMap, K>;
  schemas: Pick<SchemaMap, K>;
}

export interface RouteGroups {
  app: RouteGroup<'app.info'>;
  settings: RouteGroup<'settings.get' | 'settings.update'>;
  auth: RouteGroup<'auth.state' | 'auth.sendCode' | 'auth.login' | 'auth.choose' | 'auth.cancelChoose' | 'auth.logout'>;
  account: RouteGroup<
    | 'account.balance'
    | 'account.recharge'
    | 'account.rechargeWatch'
    | 'account.rechargeCheck'
    | 'account.rechargeCancel'
    | 'orders.list'
    | 'keys.list'
    | 'keys.apply'
    | 'keys.reveal'
    | 'pricing.test'
  >;
  clipboard: RouteGroup<'clipboard.copySecret'>;
}

export function mergeRouteGroups(groups: RouteGroups): { handlers: HandlerMap; schemas: SchemaMap } {
  const handlers: HandlerMap = {
    ...groups.app.handlers,
    ...groups.settings.handlers,
    ...groups.auth.handlers,
    ...groups.account.handlers,
    ...groups.clipboard.handlers,
  };
  const schemas: SchemaMap = {
    ...groups.app.schemas,
    ...groups.settings.schemas,
    ...groups.auth.schemas,
    ...groups.account.schemas,
    ...groups.clipboard.schemas,
  };
  return { handlers, schemas };
}

/**
 * Every handler first waits for `ready` (the persisted session restored), so an early
 * `auth.state` cannot answer "signed out" for a user who is about to be restored.
 */
export function gateHandlers(handlers: HandlerMap, ready: Promise<void>): HandlerMap {
  const gated: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [route, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<unknown>][]) {
    gated[route] = async (input) => {
      await ready;
      return handler(input);
    };
  }
  return gated as unknown as HandlerMap;
}
