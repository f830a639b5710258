import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './menu';

vi.mock('electron', async () => (await import('../testing/electron-fake')).createElectronFake());

function roles(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [item.role ?? '', ...((item.submenu as MenuItemConstructorOptions[] | undefined) ?? []).map((sub) => sub.role ?? '')]).filter(Boolean);
}

describe('buildMenuTemplate', () => {
  it('macOS: app menu first, an Edit menu, a Window menu', () => {
    const template = buildMenuTemplate({ isMac: true, isDev: false, appName: '元境 Desktop' });
    expect(template[0]!.label).toBe('元境 Desktop');
    expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'selectAll', 'windowMenu']));
  });

  it('reload and devtools only in development', () => {
    expect(roles(buildMenuTemplate({ isMac: false, isDev: false, appName: 'x' }))).not.toContain('reload');
    expect(roles(buildMenuTemplate({ isMac: false, isDev: false, appName: 'x' }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ isMac: false, isDev: true, appName: 'x' }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('Windows/Linux: no app menu, but Edit for copy/paste', () => {
    const template = buildMenuTemplate({ isMac: false, isDev: false, appName: 'x' });
    expect(template.map((item) => item.label)).not.toContain('x');
    expect(roles(template)).toEqual(expect.arrayContaining(['copy', 'paste']));
  });
});
