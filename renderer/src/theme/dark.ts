/**
 * Naive UI's dark theme carries the dark styles of every component (about 16 KB gzip), so it
 * is its own chunk, loaded only when the UI is dark (see AppProviders.vue).
 */
export { darkTheme } from 'naive-ui';
