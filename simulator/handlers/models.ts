/** §3.12 models of one type, the model icon, §3.15 pricing-program test. */
import { createHash } from 'node:crypto';
import type { Handler } from '../core.ts';
import { isListed } from '../history.ts';
import { bufferReply, fail, forbidden, ok } from '../http.ts';
import { priceUsage } from '../pricing.ts';
import type { CatalogId } from '../state.ts';
import { pyDumps, pyRepr, serverDate, strParam } from '../util.ts';

export const CATALOG_BY_NAME: Readonly<Record<string, CatalogId>> = { 文生视频: 't2v', 图生视频: 'i2v', 参考生视频: 'r2v' };

export const getTypeLlms: Handler = ({ core, params }) => {
  if (core.switches.modelsError) return fail('server error');
  // Anything but the three Chinese names (including t2v or nothing) gives the 文生视频 list.
  const catalog = CATALOG_BY_NAME[strParam(params, 'type') ?? ''] ?? 't2v';
  const today = serverDate(core.timers.now());
  const data = core.state.models
    .filter((m) => isListed(m, today))
    .flatMap((m) => {
      const entry = m.catalogs.find((c) => c.catelogid === catalog);
      if (!entry) return [];
      return [{
        id: m.id, name: m.name, model: m.model, description: m.description, iconid: m.iconid, upappid: m.upappid,
        providerid: m.providerid, ownerid: m.ownerid, enabled_date: m.enabled_date, expired_date: m.expired_date,
        min_balance: m.min_balance, status: m.status, max_cost: m.max_cost,
        input_fields: core.switches.inputFieldsAsString ? pyDumps(entry.inputFields) : entry.inputFields,
        ...(core.switches.modelsCarryPpid ? { ppid: entry.ppid } : {}),
      }];
    });
  return ok(data);
};

const COLORS = ['#1677ff', '#13c2c2', '#722ed1', '#eb2f96', '#fa8c16', '#52c41a'];

export const showIcon: Handler = ({ params }) => {
  const id = strParam(params, 'id') ?? '';
  const digest = createHash('sha1').update(id).digest();
  const color = COLORS[(digest[0] ?? 0) % COLORS.length] ?? '#1677ff';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="${color}"/>
<path d="M18 20 L32 46 L46 20" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
  return bufferReply(200, 'image/svg+xml', svg, { 'Cache-Control': 'max-age=86400' });
};

export const testPricingProgram: Handler = ({ core, user, params }) => {
  if (!user) return fail('you need login to do this');
  if (core.switches.pricingAccess === 'forbidden' && !user.admin) return forbidden();
  const ppid = strParam(params, 'ppid');
  if (!ppid) return fail('need a ppid');
  let data: unknown = params['data'];
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      // keep the string: the program fails on it below
    }
  }
  if (data === undefined || data === null) return fail('need a data');
  if (!core.state.models.some((m) => m.catalogs.some((c) => c.ppid === ppid))) {
    return fail(`pricing program(${ppid}) not found`);
  }
  const priced = priceUsage(data);
  if (!priced.ok) return fail(`ppid=${pyRepr(ppid)}, data=${pyRepr(data)}, e=${priced.e}`);
  const result = core.switches.pricingResult === 'list'
    ? [{ name: '视频生成', factor: 'duration', amount: priced.list_price, cost: priced.cost }]
    : priced.list_price;
  return ok({ ppid, data, result });
};
