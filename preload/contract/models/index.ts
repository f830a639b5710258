/** Clean shapes the renderer sees, one file per domain. Main normalises every platform variant into these. */
export * from './app';
export * from './balance';
export * from './keys';
export * from './network';
export * from './orders';
export * from './pricing';
export * from './session';
export * from './settings';
export * from './system';
export * from './video';
export * from './tasks';
export * from './downloads';
export * from './library';
