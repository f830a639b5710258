/** Replaced at build time by electron.vite.config.ts (YUANJING_OFFICIAL_SERVER); '' when unset. */
declare const __OFFICIAL_SERVER__: string;
