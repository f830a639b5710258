/** §3.13 today's tasks, §3.14 task status. */
import type { Handler, SimCore } from '../core.ts';
import { fail, ok, serverError } from '../http.ts';
import type { UsageRec } from '../state.ts';
import { pyDumps, serverDate, strParam } from '../util.ts';

function taskRow(r: UsageRec, catalog: string, ioinfoAsString: boolean): Record<string, unknown> {
  const ioinfo = { input: r.input, output: r.outputs };
  return {
    id: r.id, llmid: r.llmid, llmcatelogid: catalog, taskid: r.taskid, status: r.status, use_date: r.use_date,
    use_time: r.use_time, userid: r.userid, userorgid: r.userorgid, ownerid: r.ownerid, transno: r.transno,
    responsed_seconds: r.responsed_seconds, finish_seconds: r.finish_seconds, usages: r.usage ? pyDumps(r.usage) : null,
    amount: r.amount, cost: r.cost, accounting_status: r.accounting_status,
    ioinfo: ioinfoAsString ? pyDumps(ioinfo) : ioinfo,
  };
}

/** §10.1: the newest server labels a task with its model's first catalog, whatever it was submitted under. */
function listedCatalog(core: SimCore, r: UsageRec): string {
  if (!core.switches.tasksUnderFirstCatalog) return r.llmcatelogid;
  return core.state.model(r.llmid)?.catalogs[0]?.catelogid ?? r.llmcatelogid;
}

const TEN_MINUTES_MS = 10 * 60 * 1000;

export const getMyAsyncTasks: Handler = ({ core, user, params }) => {
  if (!user) return fail('need login');
  // Observed: defaults to text chat, so a client that sends nothing gets no video tasks.
  const catalog = strParam(params, 'llmcatelogid') ?? 't2t';
  const today = serverDate(core.timers.now());
  const rows = core.state
    .ordersOf(user.orgid)
    .filter((r) => r.userid === user.id && !r.archived && listedCatalog(core, r) === catalog && r.use_date === today)
    .map((r) => taskRow(r, catalog, core.switches.ioinfoAsString));
  return ok(core.switches.tasksShape === 'spec' ? rows.map((tasks) => ({ tasks })) : { tasks: rows });
};

export const getAsyncTaskStatus: Handler = ({ core, user, params }) => {
  if (!user) return fail('need login');
  const taskid = strParam(params, 'taskid') ?? 'None';
  const found = core.state.task(taskid);
  // Archived tasks are gone from the live table (§10.2): "not exist", like a stranger's task.
  const rec = found && found.userid === user.id && !found.archived ? found : undefined;
  if (rec && core.switches.statusOldTasks500 && core.timers.now() - rec.submittedAt > TEN_MINUTES_MS) return serverError();
  const last = rec ? rec.outputs[rec.outputs.length - 1] : undefined;
  const state = last ?? { taskid, status: 'FAILED', error: `taskid=${taskid} not exist` };
  return ok({ [core.switches.taskStatusKey]: state });
};
