import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

/**
 * Three bundles: an ESM main (dependencies stay external and ship in node_modules), a single
 * self-contained CommonJS preload (sandboxed preloads cannot load ES modules or other files),
 * and the Vue renderer. The official server address is a build-time setting:
 * YUANJING_OFFICIAL_SERVER at build time becomes __OFFICIAL_SERVER__ in main.
 */
export default defineConfig({
  main: {
    define: {
      __OFFICIAL_SERVER__: JSON.stringify(process.env.YUANJING_OFFICIAL_SERVER ?? ''),
    },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [vue()],
    // Compile-time feature flags of Vue and vue-i18n: leaving them undefined keeps code the app
    // never runs (vue-i18n's legacy API and global components, devtools hooks) in the bundle.
    define: {
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
    },
    resolve: {
      // '@contract/limits' before '@contract': the first alias that matches wins, and the plain
      // constants of limits.ts are the one value import the renderer takes from the contract.
      alias: {
        '@': resolve('renderer/src'),
        '@contract/limits': resolve('preload/contract/limits.ts'),
        '@contract': resolve('preload/contract/index.ts'),
      },
    },
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified by default; minified, the sign-in screen
      // loads (and parses) about a third less JavaScript.
      minify: true,
      // bench/bundle.mjs reads the chunk graph from the manifest to measure each screen.
      manifest: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
