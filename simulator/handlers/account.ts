/** §3.7 balance, §3.3 recharge. */
import type { Handler } from '../core.ts';
import { fail, ok } from '../http.ts';
import { alipayUrl } from '../payment.ts';
import { numParam, strParam } from '../util.ts';

export const myBalance: Handler = ({ core, user }) => {
  if (!user) return fail('need login');
  const balance = core.state.orgs.get(user.orgid)?.balance ?? 0;
  switch (core.switches.balanceShape) {
    case 'object':
      return ok({ account: '客户账户', balance });
    case 'number':
      return ok(balance);
    default:
      return ok([{ account: '客户账户', balance }]);
  }
};

export const userRecharge: Handler = ({ core, user, params }) => {
  if (!user) return fail('you need login to do this');
  const provider = strParam(params, 'provider');
  if (provider !== 'alipay') return fail(`不支持的支付渠道: ${provider ?? 'None'}`);
  const amount = numParam(params, 'amount');
  if (amount === null || amount <= 0 || Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6) {
    return fail(`充值金额不正确: ${String(params['amount'] ?? 'None')}`);
  }
  if (amount > 50_000) return fail('单笔充值金额不能超过 50000 元');
  const currency = strParam(params, 'currency') ?? 'CNY';
  if (currency !== 'CNY') return fail(`不支持的币种: ${currency}`);
  const info = core.payments.create(user.id, user.orgid, amount);
  const url = core.switches.paymentUrlMode === 'alipay' ? alipayUrl(info) : `${core.url}/__sim/pay/${info.orderId}`;
  return ok({ [core.switches.rechargeUrlKey]: url });
};
