/**
 * The second budget of the tasks screen (issue 7): RUNNING tasks each changing status once a
 * second for DURATION_MS while the list is on screen, and no frame over 100 ms. The changes are
 * written to main's ledger in the browser host's own process, so each one reaches the page by
 * the real path: ledger → task.changed on the bus → the coalescing publisher → SSE →
 * renderer/src/events.ts → tasks store → list. The poller is put to sleep meanwhile (its gate's
 * `awake` condition), so only the bench changes these made-up tasks.
 */
import { writeFileSync } from 'node:fs';

export const RUNNING = 500;
export const DURATION_MS = 30_000;
export const FRAME_LIMIT_MS = 100;
/** Updates go out in slices this often: RUNNING per second in all, each task once a second. */
const STEP_MS = 50;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** requestAnimationFrame intervals in the page for `durationMs`, and the task.changed events it received. */
function recordFrames(page, durationMs) {
  return page.evaluate(async (duration) => {
    let events = 0;
    const stop = window.yj.onEvent((message) => {
      if (message.event === 'task.changed') events += 1;
    });
    const frames = [];
    await new Promise((resolve) => {
      let start = 0;
      let last = 0;
      function step(now) {
        if (!start) start = last = now;
        else {
          frames.push(now - last);
          last = now;
        }
        if (now - start < duration) requestAnimationFrame(step);
        else resolve();
      }
      requestAnimationFrame(step);
    });
    stop();
    return { frames, events };
  }, durationMs);
}

/**
 * BENCH_CPU_PROFILE=<prefix>: the page's CPU profile of a phase goes to `<prefix>.<phase>.cpuprofile`
 * (open it in Chromium's DevTools); without it, nothing is recorded.
 */
export async function startProfile(page, phase) {
  const prefix = process.env.BENCH_CPU_PROFILE;
  if (!prefix) return { stop: async () => {} };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(`${prefix}.${phase}.cpuprofile`, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

const shownCount = (page) => page.evaluate(() => Number(document.querySelector('[data-testid="tasks-count"]')?.textContent?.match(/\d+/)?.[0] ?? 0));

/** Runs the burst on `page` (the tasks screen, open); `tracker` is the host's core.tasks. */
export async function runningBurst(page, tracker) {
  const ledger = tracker.ledger();
  tracker.gate.set('awake', false);
  const before = await shownCount(page);
  const made = await Promise.all(
    Array.from({ length: RUNNING }, (_, i) =>
      ledger.createPending({ modelId: 'bench', modelName: 'Vidu Q3 Pro', llmid: 'bench', catalog: 't2v', prompt: `基准运行任务 ${i + 1}`, params: {} }),
    ),
  );
  const status = new Map(made.map((r) => [r.localId, 'queueing']));
  await ledger.updateMany(made.map((r, i) => ({ localId: r.localId, patch: { taskid: `bench-${i}`, submittedAt: Date.now(), status: 'queueing' } })));
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="tasks-count"]')?.textContent?.match(/\d+/)?.[0] ?? 0) >= n, before + RUNNING, { timeout: 60_000 });
  await page.evaluate(() => {
    const list = document.querySelector('[data-testid="tasks-scroll"]');
    if (list) list.scrollTop = 0; // the running tasks are the newest: on screen
  });

  const profile = await startProfile(page, 'burst');
  const recording = recordFrames(page, DURATION_MS);
  const perStep = Math.round((RUNNING * STEP_MS) / 1000);
  const start = Date.now();
  let written = 0;
  let next = 0;
  for (let step = 0; Date.now() - start < DURATION_MS; step += 1) {
    const slice = Array.from({ length: perStep }, (_, k) => made[(next + k) % RUNNING]);
    next = (next + perStep) % RUNNING;
    const changes = slice.map((r) => {
      const word = status.get(r.localId) === 'queueing' ? 'processing' : 'queueing';
      status.set(r.localId, word);
      return { localId: r.localId, patch: { status: word } };
    });
    await ledger.updateMany(changes);
    written += changes.length;
    await sleep(start + (step + 1) * STEP_MS - Date.now());
  }
  const { frames, events } = await recording;
  await profile.stop();
  tracker.gate.set('awake', true);
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN;
  const max = sorted[sorted.length - 1] ?? NaN;
  const over = frames.filter((f) => f > FRAME_LIMIT_MS).length;
  return { frames: frames.length, p95, max, over, written, events, seconds: (Date.now() - start) / 1000 };
}
