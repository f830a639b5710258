/** Recharge orders (§3.3, §7): pending until paid on the cashier page or by `completePayment`. */
import type { SimState } from './state.ts';
import type { PaymentInfo } from './types.ts';
import { newId, round2, serverTime, type Timers } from './util.ts';

interface PaymentRec extends PaymentInfo {
  createdMs: number;
}

export class PaymentBook {
  private readonly orders = new Map<string, PaymentRec>();
  private readonly state: SimState;
  private readonly timers: Timers;

  constructor(state: SimState, timers: Timers) {
    this.state = state;
    this.timers = timers;
  }

  create(userId: string, orgid: string, amount: number): PaymentInfo {
    const now = this.timers.now();
    const rec: PaymentRec = {
      orderId: newId(), amount: round2(amount), userId, orgid, createdAt: serverTime(now), status: 'pending', createdMs: now,
    };
    this.orders.set(rec.orderId, rec);
    return strip(rec);
  }

  get(orderId: string): PaymentInfo | undefined {
    const rec = this.orders.get(orderId);
    return rec ? strip(rec) : undefined;
  }

  pending(): PaymentInfo[] {
    return [...this.orders.values()]
      .filter((o) => o.status === 'pending')
      .sort((a, b) => b.createdMs - a.createdMs)
      .map(strip);
  }

  /** Marks the order paid and credits the organisation after `delayMs` (0 = now), like Alipay's async notify. */
  pay(orderId: string | undefined, delayMs: number): PaymentInfo {
    const rec = orderId === undefined ? this.newestPending() : this.orders.get(orderId);
    if (!rec) throw new Error(orderId === undefined ? 'no pending payment' : `no payment order ${orderId}`);
    if (rec.status === 'paid') throw new Error(`payment order ${rec.orderId} is already paid`);
    rec.status = 'paid';
    const credit = (): void => {
      const org = this.state.orgs.get(rec.orgid);
      if (org) org.balance = round2(org.balance + rec.amount);
    };
    if (delayMs <= 0) credit();
    else this.timers.after(delayMs, credit);
    return strip(rec);
  }

  private newestPending(): PaymentRec | undefined {
    let best: PaymentRec | undefined;
    for (const o of this.orders.values()) if (o.status === 'pending' && (!best || o.createdMs >= best.createdMs)) best = o;
    return best;
  }
}

function strip(rec: PaymentRec): PaymentInfo {
  return { orderId: rec.orderId, amount: rec.amount, userId: rec.userId, orgid: rec.orgid, createdAt: rec.createdAt, status: rec.status };
}

/** The Alipay page-pay URL shape (only `completePayment` completes such an order). */
export function alipayUrl(info: PaymentInfo): string {
  const q = new URLSearchParams({
    out_trade_no: info.orderId, app_id: '2021004123456789', method: 'alipay.trade.page.pay', format: 'JSON', charset: 'utf-8', sign_type: 'RSA2',
    timestamp: info.createdAt, version: '1.0', total_amount: info.amount.toFixed(2),
    subject: '元境账户充值', product_code: 'FAST_INSTANT_TRADE_PAY', notify_url: 'https://platform.example.cn/unipay/alipay_notify.dspy',
    sign: Buffer.from(`sim-signature-${info.orderId}`).toString('base64'),
  });
  return `https://openapi.alipay.com/gateway.do?${q.toString()}`;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;background:#f5f6f8;margin:0;color:#1f2329}
.bar{background:#1677ff;color:#fff;padding:14px 24px;font-size:18px}
.card{max-width:460px;margin:40px auto;background:#fff;border-radius:10px;padding:28px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
.amount{font-size:36px;color:#f5222d;margin:8px 0 18px}.row{color:#646a73;margin:6px 0}
button{width:100%;margin-top:22px;padding:12px;font-size:17px;background:#1677ff;color:#fff;border:0;border-radius:6px;cursor:pointer}
.ok{color:#52c41a;font-size:26px;margin-bottom:10px}
</style></head><body><div class="bar">元境收银台 · 模拟支付</div><div class="card">${body}</div></body></html>
`;
}

export function cashierPage(info: PaymentInfo, action: string): string {
  if (info.status === 'paid') return paidPage(info, true);
  return page('元境收银台', `<div class="row">应付金额</div>
<div class="amount" id="amount">¥ ${info.amount.toFixed(2)}</div>
<div class="row">商品：元境账户充值</div>
<div class="row">订单号：<span id="order">${esc(info.orderId)}</span></div>
<div class="row">创建时间：${esc(info.createdAt)}</div>
<form method="post" action="${esc(action)}"><button type="submit" id="pay">确认支付</button></form>
<p class="row" style="font-size:12px">本页面由元境平台模拟器提供，不会产生真实扣款。</p>`);
}

export function paidPage(info: PaymentInfo, already: boolean): string {
  return page('支付成功', `<div class="ok" id="result">支付成功</div>
<div class="row">${already ? '该订单已支付。' : '付款已完成，余额将在几秒内到账。'}</div>
<div class="row">金额：¥ ${info.amount.toFixed(2)}</div>
<div class="row">订单号：${esc(info.orderId)}</div>
<p class="row">您可以关闭此页面，返回元境桌面客户端。</p>`);
}

export function missingOrderPage(orderId: string): string {
  return page('订单不存在', `<div class="row">订单 ${esc(orderId)} 不存在或已过期。</div>`);
}
