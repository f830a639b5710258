/**
 * What the list scroll benches share: the Chromium flags, the frame budgets, signing in through
 * the page, and one measured scroll of a list from top to bottom (requestAnimationFrame
 * intervals while scrollTop moves linearly over `durationMs`).
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCROLL_MS = 3000;
export const MEDIAN_BUDGET_MS = 16.7;
export const P95_BUDGET_MS = 50;
/**
 * rAF timestamps on a 60 Hz clock land on 16.6–16.8 ms; the median of a perfectly smooth run can
 * read 16.7x. Half a millisecond of slack keeps the budget meaning "one frame", not "timer jitter".
 */
export const MEDIAN_JITTER_MS = 0.5;

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Signs in on the simulator with its fixed code, as a user would. */
export async function signIn(page, loginUrl, phone) {
  await page.goto(loginUrl);
  await page.locator('#login-phone').fill(phone);
  await page.getByTestId('send-code').click();
  await page.getByTestId('code-notice').waitFor();
  await page.locator('#login-code').fill('123456');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('signed-in-user').waitFor();
}

/**
 * Scrolls the first scrollable element among `selectors` and answers
 * `{ frames, which, distance, reachedBottom }`, or `{ error }`.
 */
export function measureScroll(page, selectors, durationMs = SCROLL_MS) {
  return page.evaluate(
    async ({ selectors: candidatesSelectors, durationMs: duration }) => {
      const candidates = candidatesSelectors.flatMap((selector) => [...document.querySelectorAll(selector)]);
      const scroller = candidates.find((el) => el.scrollHeight > el.clientHeight + 10);
      if (!scroller) return { error: `no scrollable element among ${candidatesSelectors.join(', ')}` };
      const which = candidatesSelectors.find((selector) => scroller.matches(selector));
      const distance = scroller.scrollHeight - scroller.clientHeight;
      scroller.scrollTop = 0;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const frames = [];
      return await new Promise((resolve) => {
        let start = 0;
        let last = 0;
        function step(now) {
          if (!start) start = last = now;
          else {
            frames.push(now - last);
            last = now;
          }
          const progress = Math.min(1, (now - start) / duration);
          scroller.scrollTop = Math.round(progress * distance);
          if (progress < 1) requestAnimationFrame(step);
          else resolve({ frames, which, distance, reachedBottom: scroller.scrollTop >= distance - 2 });
        }
        requestAnimationFrame(step);
      });
    },
    { selectors, durationMs },
  );
}

/** Median and p95 of the frames, and whether they keep the budgets. */
export function judge(frames) {
  const sorted = [...frames].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  return { median, p95, withinBudget: median <= MEDIAN_BUDGET_MS + MEDIAN_JITTER_MS && p95 <= P95_BUDGET_MS };
}
