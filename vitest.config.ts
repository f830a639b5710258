import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, one runner, one closing count:
 * - unit: main/ and simulator/ in node, against the simulator on loopback;
 * - component: Vue views in happy-dom with a fake window.yj;
 * - e2e: the built renderer in Debian Chromium through the browser host (needs `npm run build`).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['main/**/*.test.ts', 'simulator/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 20_000,
          // Here the tag changes nothing; the mutation run (vitest.mutation.config.ts) gives every
          // other test a short limit and these their own.
          tags: [
            {
              name: 'slow',
              description: 'takes over 0.3 s by design: waits out a real delay (Retry-After, a link or session lifetime, a capped bandwidth) or loops over many runs',
            },
          ],
        },
      },
      {
        plugins: [vue()],
        resolve: {
          alias: {
            '@': resolve('renderer/src'),
            // Before '@contract': the first matching alias wins.
            '@contract/limits': resolve('preload/contract/limits.ts'),
            '@contract': resolve('preload/contract/index.ts'),
          },
        },
        test: {
          name: 'component',
          environment: 'happy-dom',
          setupFiles: ['renderer/src/testing/setup.ts'],
          include: ['renderer/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
