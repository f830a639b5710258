/** The SimControl implementation, and its HTTP face: /__sim/control, /__sim/state, /__sim/pay/<id>. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCore } from './core.ts';
import { validateFault } from './faults.ts';
import { addHistory } from './history.ts';
import { readBody } from './http.ts';
import { cashierPage, missingOrderPage, paidPage } from './payment.ts';
import { DEFAULT_SWITCHES, validateSwitches } from './switches.ts';
import { summarize } from './tasks.ts';
import type { SetTaskArgs, SimControl, TaskStatus } from './types.ts';
import { MODEL } from './ids.ts';
import type { UsageRec } from './state.ts';
import { isRecord, newId, newTaskId, round2, seededRng, serverDate, serverTime } from './util.ts';

export function createControl(core: SimCore): SimControl {
  const { state } = core;
  const startedAt = core.timers.now();
  const orgOf = (phone: string, orgid?: string) => {
    if (orgid !== undefined) {
      if (!state.usersByMobile(phone).some((u) => u.orgid === orgid)) throw new Error(`${phone} has no account in ${orgid}`);
      return state.org(orgid);
    }
    return state.org(state.primaryUser(phone).orgid);
  };
  const control: SimControl = {
    setSwitches: (partial) => {
      Object.assign(core.switches, validateSwitches(partial));
      return { ...core.switches };
    },
    getSwitches: () => ({ ...core.switches }),
    resetSwitches: () => {
      Object.assign(core.switches, DEFAULT_SWITCHES);
      return { ...core.switches };
    },
    setFault: (fault) => core.faults.add(validateFault(fault)),
    clearFaults: () => core.faults.clear(),
    getFaults: () => core.faults.list(),
    lastSmsCode: (phone) => state.latestSmsFor(phone)?.code ?? null,
    expireSessions: () => core.sessions.expireAll(),
    simulateIpChange: () => core.sessions.changeIp(),
    completePayment: (orderId) => core.payments.pay(orderId, 0),
    pendingPayments: () => core.payments.pending(),
    seedOrders: ({ phone, count }) => {
      if (!Number.isInteger(count) || count < 0 || count > 1_000_000) throw new Error('count must be an integer 0…1000000');
      const user = state.primaryUser(phone ?? '13900000001');
      const userids = [...state.users.values()].filter((u) => u.orgid === user.orgid).map((u) => u.id);
      const rng = seededRng(Math.floor(Math.random() * 2 ** 31));
      const total = addHistory(state, core.url, rng, core.timers.now(), { orgid: user.orgid, userids, count, days: 30 });
      return { orgid: user.orgid, total };
    },
    seedTasks: ({ phone, count }) => {
      if (!Number.isInteger(count) || count < 0 || count > 100_000) throw new Error('count must be an integer 0…100000');
      const user = state.primaryUser(phone ?? '13900000001');
      const model = state.model(MODEL.q3Pro);
      if (!model) throw new Error('the seed has no Vidu Q3 model');
      const now = core.timers.now();
      // Today's finished t2v tasks, 5 ms apart (newest first), so §3.13 lists them all and a client adopts them.
      const recs: UsageRec[] = [];
      for (let i = 0; i < count; i++) {
        const at = now - (i + 1) * 5;
        const taskid = newTaskId();
        const failed = i % 10 === 9;
        const usage = { duration: 5, SR: 720 };
        recs.push({
          id: newId(), llmid: model.id, llmcatelogid: 't2v', name: model.name, model: model.model, taskid,
          status: failed ? 'FAILED' : 'SUCCEEDED', use_date: serverDate(at), use_time: serverTime(at), userid: user.id,
          userorgid: user.orgid, ownerid: model.ownerid, transno: newId(), responsed_seconds: 1.2, finish_seconds: 42,
          usage: failed ? null : usage, amount: failed ? null : 2.7, cost: failed ? null : 3, accounting_status: failed ? 'created' : 'accounted',
          input: { prompt: `批量种子任务 ${i + 1}`, duration: 5, resolution: '720p', llmid: model.id, llmcatelogid: 't2v', model: model.model },
          outputs: failed
            ? [{ taskid, status: 'created' }, { taskid, status: 'FAILED', error: 'ERROR:vendor task failed: 内容审核未通过' }]
            : [{ taskid, status: 'created' }, { taskid, status: 'SUCCEEDED', video: `${core.url}/media/${taskid}.mp4`, usage, type: 'video' }],
          submittedAt: at,
        });
      }
      return { orgid: user.orgid, total: state.addRecords(user.orgid, recs) };
    },
    setBalance: ({ phone, balance, orgid }) => {
      if (typeof balance !== 'number' || !Number.isFinite(balance)) throw new Error('balance must be a number');
      const org = orgOf(phone, orgid);
      org.balance = round2(balance);
      return { orgid: org.id, balance: org.balance };
    },
    getBalance: ({ phone, orgid }) => {
      const org = orgOf(phone, orgid);
      return { orgid: org.id, balance: org.balance };
    },
    finishTask: ({ taskid, status, error }) => core.tasks.finish(taskid, status, error),
    setTask: (args) => core.tasks.set(args),
    archiveTasks: () => ({ archived: core.tasks.archiveSucceeded() }),
    tasks: () => state.allTasks().filter((t) => t.submittedAt >= startedAt).map(summarize),
    requests: () => core.log.list(),
    clearRequests: () => core.log.clear(),
    state: () => ({
      url: core.url,
      switches: { ...core.switches },
      faults: core.faults.list(),
      sessionEpoch: core.sessions.epoch,
      orgs: [...state.orgs.values()].map((o) => ({ id: o.id, name: o.name, balance: o.balance, orders: state.ordersOf(o.id).length })),
      users: [...state.users.values()].map((u) => ({
        id: u.id, username: u.username, mobile: u.mobile, nickName: u.nick_name ?? null, orgid: u.orgid, admin: u.admin,
      })),
      models: state.models.map((m) => ({ id: m.id, name: m.name, catalogs: m.catalogs.map((c) => c.catelogid), ppids: m.catalogs.map((c) => c.ppid) })),
      pendingPayments: core.payments.pending(),
      tasks: state.allTasks().filter((t) => t.submittedAt >= startedAt).map(summarize),
      requests: core.log.count(),
    }),
  };
  return control;
}

const str = (a: Record<string, unknown>, k: string): string | undefined => (typeof a[k] === 'string' ? a[k] : undefined);
const need = (a: Record<string, unknown>, k: string): string => {
  const v = str(a, k);
  if (v === undefined) throw new Error(`args.${k} must be a string`);
  return v;
};

const ACCOUNTING = ['created', 'accounted', 'failed'] as const;

function setTaskArgs(a: Record<string, unknown>): SetTaskArgs {
  const out: SetTaskArgs = { taskid: need(a, 'taskid') };
  if (a['status'] !== undefined) out.status = need(a, 'status');
  if (a['error'] !== undefined) out.error = need(a, 'error');
  if (a['ageMs'] !== undefined) out.ageMs = Number(a['ageMs']);
  if (a['archived'] !== undefined) out.archived = a['archived'] === true;
  const acc = a['accountingStatus'];
  if (acc !== undefined) {
    const found = ACCOUNTING.find((v) => v === acc);
    if (!found) throw new Error('args.accountingStatus must be created, accounted or failed');
    out.accountingStatus = found;
  }
  return out;
}

type Action = (c: SimControl, a: Record<string, unknown>) => unknown;

const ACTIONS: Readonly<Record<string, Action>> = {
  setSwitches: (c, a) => c.setSwitches(validateSwitches(a)),
  getSwitches: (c) => c.getSwitches(),
  resetSwitches: (c) => c.resetSwitches(),
  setFault: (c, a) => c.setFault(validateFault(a)),
  clearFaults: (c) => c.clearFaults(),
  getFaults: (c) => c.getFaults(),
  lastSmsCode: (c, a) => c.lastSmsCode(need(a, 'phone')),
  expireSessions: (c) => c.expireSessions(),
  simulateIpChange: (c) => c.simulateIpChange(),
  completePayment: (c, a) => c.completePayment(str(a, 'orderId')),
  pendingPayments: (c) => c.pendingPayments(),
  seedOrders: (c, a) => c.seedOrders({ phone: str(a, 'phone'), count: Number(a['count']) }),
  seedTasks: (c, a) => c.seedTasks({ phone: str(a, 'phone'), count: Number(a['count']) }),
  setBalance: (c, a) => c.setBalance({ phone: need(a, 'phone'), balance: Number(a['balance']), orgid: str(a, 'orgid') }),
  getBalance: (c, a) => c.getBalance({ phone: need(a, 'phone'), orgid: str(a, 'orgid') }),
  finishTask: (c, a) => {
    const status = need(a, 'status');
    if (!['SUCCEEDED', 'FAILED', 'UNKNOWN'].includes(status)) throw new Error('args.status must be SUCCEEDED, FAILED or UNKNOWN');
    return c.finishTask({ taskid: need(a, 'taskid'), status: status as TaskStatus, error: str(a, 'error') });
  },
  setTask: (c, a) => c.setTask(setTaskArgs(a)),
  archiveTasks: (c) => c.archiveTasks(),
  tasks: (c) => c.tasks(),
  requests: (c) => c.requests(),
  clearRequests: (c) => c.clearRequests(),
  state: (c) => c.state(),
};

function sendJson(res: ServerResponse, status: number, value: unknown): number {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return status;
}

function sendHtml(res: ServerResponse, status: number, html: string): number {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
  return status;
}

/** Handles /__sim/… (path relative to the base); returns the status sent. */
export async function handleSim(core: SimCore, control: SimControl, req: IncomingMessage, res: ServerResponse, path: string): Promise<number> {
  const method = req.method ?? 'GET';
  const { raw } = await readBody(req);
  if (path === '/__sim/state' && method === 'GET') return sendJson(res, 200, control.state());
  if (path === '/__sim/control' && method === 'POST') {
    let action = '';
    try {
      const body: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      if (!isRecord(body) || typeof body['action'] !== 'string') throw new Error('body must be {"action": "<method>", "args": {...}}');
      action = body['action'];
      const fn = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
      if (!fn) throw new Error(`unknown action '${action}'; known: ${Object.keys(ACTIONS).join(', ')}`);
      const args = body['args'] === undefined ? {} : body['args'];
      if (!isRecord(args)) throw new Error('args must be an object');
      const result = fn(control, args);
      return sendJson(res, 200, { ok: true, result: result === undefined ? null : result });
    } catch (err) {
      return sendJson(res, 400, { ok: false, action, error: err instanceof Error ? err.message : String(err) });
    }
  }
  const pay = /^\/__sim\/pay\/([A-Za-z0-9_-]+)$/.exec(path);
  if (pay?.[1]) {
    const orderId = pay[1];
    const info = core.payments.get(orderId);
    if (!info) return sendHtml(res, 404, missingOrderPage(orderId));
    if (method === 'POST') {
      if (info.status === 'paid') return sendHtml(res, 200, paidPage(info, true));
      return sendHtml(res, 200, paidPage(core.payments.pay(orderId, core.opts.paymentNotifyDelayMs), false));
    }
    return sendHtml(res, 200, cashierPage(info, `${core.opts.basePath}/__sim/pay/${orderId}`));
  }
  return sendJson(res, 404, { ok: false, error: `no simulator route ${method} ${path}` });
}
