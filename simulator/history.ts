/** Realistic past usage records (orders / tasks) for the demo seed and `seedOrders`. */
import type { CatalogId, ModelRec, SimState, TaskState, Usage, UsageRec } from './state.ts';
import { priceUsageOrThrow } from './pricing.ts';
import { IdPool, newTaskId, pick, serverDate, type Rng } from './util.ts';

const DAY = 86_400_000;
const OFFSET_MS = 8 * 3600 * 1000;

const T2V_PROMPTS = [
  '清晨的江南古镇，薄雾中一只白鹭掠过水面，镜头缓慢推进',
  '赛博朋克风格的重庆夜景，霓虹灯倒映在湿润的街道上',
  '一只橘猫在窗台上打哈欠，阳光洒在它的毛发上',
  '航拍黄山云海日出，金色光线穿过云层',
  '咖啡拉花特写，牛奶缓缓注入形成心形图案',
  '古风少女在竹林中舞剑，衣袂飘飘，落叶纷飞',
  '雪山脚下的藏式村落，经幡随风飘动',
  '新品口红产品展示，三百六十度旋转，柔光背景',
  '小男孩在海边奔跑放风筝，夕阳西下',
  '熊猫宝宝抱着竹子啃食，憨态可掬',
  '城市延时摄影，车流如光带在高架桥上穿梭',
  '水墨画风格的山水，墨迹在宣纸上慢慢晕开',
];
const I2V_PROMPTS = [
  '让画面中的猫慢慢转头看向镜头',
  '人物微笑并轻轻挥手，背景虚化',
  '让照片中的花朵在微风中摇曳',
  '镜头缓缓拉远，展示整个街景',
];
const FAILURES = [
  'ERROR:vendor task failed: content moderation rejected the prompt',
  'ERROR:vendor request failed: HTTP 400 invalid duration (Authorization: Bearer XXXXXXXX)',
  'ERROR:vendor task failed: 生成超时，请稍后重试',
];

export function isListed(model: ModelRec, today: string): boolean {
  return model.enabled_date <= today && model.expired_date >= today;
}

export interface HistoryRow {
  model: ModelRec;
  catalog: CatalogId;
  userid: string;
  orgid: string;
  at: number;
  status: 'SUCCEEDED' | 'FAILED';
  accounting: 'accounted' | 'failed' | 'created';
}

/**
 * A past row. `input` and `outputs` (ioinfo) are built on first access: seedOrders(10 000)
 * must stay fast, and only today's rows are ever asked for them.
 */
class PastRecord implements UsageRec {
  id: string; llmid: string; llmcatelogid: CatalogId; name: string; model: string; taskid: string; status: string;
  use_date: string; use_time: string; userid: string; userorgid: string; ownerid: string; transno: string;
  responsed_seconds: number | null; finish_seconds: number | null; usage: Usage | null; amount: number | null;
  cost: number | null; accounting_status: 'created' | 'accounted' | 'failed'; submittedAt: number;
  private readonly url: string;
  private readonly prompt: string;
  private readonly audio: boolean;
  private readonly ratio: string;
  private readonly image: string;
  private readonly failure: string;
  private builtInput: Record<string, unknown> | null | undefined;
  private builtOutputs: TaskState[] | undefined;

  constructor(rng: Rng, ids: IdPool, url: string, row: HistoryRow) {
    const { usage, priced } = pick(rng, USAGES);
    const iso = new Date(row.at + OFFSET_MS).toISOString();
    const ok = row.status === 'SUCCEEDED';
    const billed = ok && row.accounting === 'accounted';
    this.id = ids.next();
    this.llmid = row.model.id;
    this.llmcatelogid = row.catalog;
    this.name = row.model.name;
    this.model = row.model.model;
    this.taskid = newTaskId(rng);
    this.status = row.status;
    this.use_date = iso.slice(0, 10);
    this.use_time = `${this.use_date} ${iso.slice(11, 19)}`;
    this.userid = row.userid;
    this.userorgid = row.orgid;
    this.ownerid = row.model.ownerid;
    this.transno = ids.next();
    this.responsed_seconds = Math.round((1 + rng() * 3) * 10) / 10;
    this.finish_seconds = Math.round((40 + rng() * 200) * 10) / 10;
    this.usage = ok ? usage : null;
    this.amount = billed ? priced.price : null;
    this.cost = billed ? priced.cost : null;
    this.accounting_status = ok ? row.accounting : 'created';
    this.submittedAt = row.at;
    this.url = url;
    this.prompt = pick(rng, row.catalog === 't2v' ? T2V_PROMPTS : I2V_PROMPTS);
    this.audio = rng() < 0.4;
    this.ratio = pick(rng, RATIOS);
    this.image = ids.next(12);
    this.failure = pick(rng, FAILURES);
  }

  get input(): Record<string, unknown> | null {
    if (this.builtInput !== undefined) return this.builtInput;
    const { url, prompt, audio, ratio, image } = this;
    const usage = this.usage ?? { duration: 5, SR: 1080 };
    const input: Record<string, unknown> = {
      llmid: this.llmid, llmcatelogid: this.llmcatelogid, prompt, duration: usage.duration, resolution: `${usage.SR}p`,
      audio, off_peak: false, model: this.model, transno: this.transno,
    };
    if (this.llmcatelogid === 't2v') input['ratio'] = ratio;
    if (this.llmcatelogid === 'i2v') input['image_file'] = `${url}/idfile.dspy?path=/upload/${this.use_date}/${image}.jpg`;
    if (this.llmcatelogid === 'r2v') input['images'] = [`${url}/idfile.dspy?path=/upload/${image}.png`];
    this.builtInput = input;
    return input;
  }

  set input(value: Record<string, unknown> | null) {
    this.builtInput = value;
  }

  get outputs(): TaskState[] {
    if (this.builtOutputs) return this.builtOutputs;
    const taskid = this.taskid;
    const last: TaskState = this.status === 'SUCCEEDED'
      ? { taskid, status: 'SUCCEEDED', video: `${this.url}/media/${taskid}.mp4`, usage: this.usage ?? undefined, type: 'video' }
      : { taskid, status: 'FAILED', error: this.failure };
    this.builtOutputs = [{ taskid, status: 'created' }, { taskid, status: 'processing' }, last];
    return this.builtOutputs;
  }

  set outputs(value: TaskState[]) {
    this.builtOutputs = value;
  }
}

/** Weighted usage mix, priced once (rows share these frozen objects). */
const USAGES = [4, 5, 5, 5, 8, 10].flatMap((duration) =>
  [1080, 1080, 720, 540].map((SR) => {
    const usage: Usage = Object.freeze({ duration, SR });
    return { usage, priced: priceUsageOrThrow(usage) };
  }),
);
const RATIOS = ['16:9', '16:9', '9:16', '1:1'];

export function makeRecord(rng: Rng, ids: IdPool, url: string, row: HistoryRow): UsageRec {
  return new PastRecord(rng, ids, url, row);
}

function catalogsOf(state: SimState, today: string): { model: ModelRec; catalog: CatalogId }[] {
  return state.models
    .filter((m) => isListed(m, today))
    .flatMap((m) => m.catalogs.map((c) => ({ model: m, catalog: c.catelogid })));
}

export interface HistoryOptions {
  orgid: string;
  userids: string[];
  count: number;
  /** Also add a few of today's tasks for this user (visible in §3.13). */
  todayFor?: string;
  /** Spread rows over this many past days (default 14), never today. */
  days?: number;
}

/** Adds `count` rows before today (plus a few today) and returns the organisation's row count. */
export function addHistory(state: SimState, url: string, rng: Rng, now: number, opts: HistoryOptions): number {
  const today = serverDate(now);
  const choices = catalogsOf(state, today);
  if (choices.length === 0 || opts.userids.length === 0) return state.ordersOf(opts.orgid).length;
  const dayStart = now - ((now + OFFSET_MS) % DAY);
  const days = opts.days ?? 14;
  const rows: UsageRec[] = [];
  const ids = new IdPool(rng);
  for (let i = 0; i < opts.count; i++) {
    const c = pick(rng, choices);
    const failed = rng() < 0.08;
    rows.push(makeRecord(rng, ids, url, {
      model: c.model, catalog: c.catalog, userid: pick(rng, opts.userids), orgid: opts.orgid,
      at: dayStart - 1000 - Math.floor(rng() * days * DAY), status: failed ? 'FAILED' : 'SUCCEEDED',
      accounting: i === 7 ? 'failed' : 'accounted',
    }));
  }
  if (opts.todayFor) {
    const userid = opts.todayFor;
    const span = Math.max(1000, now - dayStart - 60_000);
    const plan: [CatalogId, 'SUCCEEDED' | 'FAILED'][] = [['t2v', 'SUCCEEDED'], ['t2v', 'SUCCEEDED'], ['t2v', 'FAILED'], ['i2v', 'SUCCEEDED']];
    plan.forEach(([catalog, status], i) => {
      const c = choices.find((x) => x.catalog === catalog) ?? pick(rng, choices);
      const at = Math.min(now - 60_000, dayStart + Math.floor((span * (i + 1)) / (plan.length + 1)));
      rows.push(makeRecord(rng, ids, url, { model: c.model, catalog: c.catalog, userid, orgid: opts.orgid,
        at: Math.max(dayStart, at), status, accounting: 'accounted' }));
    });
  }
  return state.addRecords(opts.orgid, rows);
}
