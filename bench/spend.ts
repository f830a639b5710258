#!/usr/bin/env -S npx tsx
// Spend aggregation budget (issue 11): 10 000 order rows over the last 30 server days (a mix of
// models, 8 % failed runs, a few pending or failed billings, some refunds), aggregated into the
// 30-day chart and the overview's figures, as the orders screen and the overview do on open.
// Prints the median of 30 runs (after 5 warm-ups) against the 50 ms budget; exits 1 over it.
// Run: npm run bench:spend

// The renderer's own pure code, loaded by URL: tsconfig.node.json does not check renderer files
// (tsconfig.web.json does), so only the little this benchmark uses is typed here.
interface SpendRow {
  name: string;
  model: string;
  useDate: string;
  useTime: string;
  amount: number | null;
  status: string;
  accountingStatus: string;
}
interface Summary {
  days: unknown[];
  models: string[];
  total: number;
  succeeded: number;
  failed: number;
  refunds: number;
}
const { aggregateSpend, serverDateOf } = (await import(new URL('../renderer/src/lib/spend/aggregate.ts', import.meta.url).href)) as {
  aggregateSpend(rows: readonly SpendRow[], options: { nowMs: number; days: number }): Summary;
  serverDateOf(epochMs: number): string;
};
const { glance } = (await import(new URL('../renderer/src/lib/spend/glance.ts', import.meta.url).href)) as {
  glance(rows: readonly SpendRow[], nowMs: number): { month: { thisMonth: number } };
};

const ROWS = 10_000;
const BUDGET_MS = 50;
const RUNS = 30;
const DAY = 86_400_000;

function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function rows(now: number): SpendRow[] {
  const random = seeded(11);
  const models = [
    ['Vidu Q3 文生视频', 'viduq3-pro'],
    ['Vidu Q3 Turbo', 'viduq3-turbo'],
    ['Vidu Q3 图生视频', 'viduq3-pro'],
    ['Vidu Q2 参考生视频', 'viduq2'],
  ] as const;
  return Array.from({ length: ROWS }, (_, i) => {
    const at = now - Math.floor((i / ROWS) * 30 * DAY);
    const date = serverDateOf(at);
    const [name, model] = models[Math.floor(random() * models.length)]!;
    const failed = random() < 0.08;
    const pending = !failed && random() < 0.02;
    const refund = !failed && !pending && random() < 0.005;
    return {
      name,
      model,
      useDate: date,
      useTime: `${date} ${new Date(at + 8 * 3_600_000).toISOString().slice(11, 19)}`,
      amount: failed || pending ? null : refund ? -2.5 : Math.round((1 + random() * 15) * 100) / 100,
      status: failed ? 'FAILED' : 'SUCCEEDED',
      accountingStatus: failed || pending ? 'created' : 'accounted',
    };
  });
}

const now = Date.now();
const data = rows(now);
const times: number[] = [];
let check = 0;
for (let run = 0; run < RUNS + 5; run += 1) {
  const start = performance.now();
  const summary = aggregateSpend(data, { nowMs: now, days: 30 });
  const figures = glance(data, now);
  const elapsed = performance.now() - start;
  check += summary.total + figures.month.thisMonth;
  if (run >= 5) times.push(elapsed);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
const summary = aggregateSpend(data, { nowMs: now, days: 30 });
console.log(`spend aggregation of ${ROWS} order rows (30-day chart + overview figures): median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (budget median ${BUDGET_MS} ms)`);
console.log(`  ${summary.days.length} days, ${summary.models.length} models, total ¥${summary.total.toFixed(2)}, ${summary.succeeded} succeeded, ${summary.failed} failed, refunds ¥${summary.refunds.toFixed(2)} (checksum ${check.toFixed(0)})`);
if (median > BUDGET_MS) {
  console.error('spend aggregation over budget');
  process.exit(1);
}
console.log('spend aggregation budget ok');
