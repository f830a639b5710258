import { describe, expect, it } from 'vitest';
import { findForbiddenLaunchSwitches, FORBIDDEN_LAUNCH_SWITCHES } from './launch-switches';

const none = () => false;

describe('findForbiddenLaunchSwitches', () => {
  it('finds nothing in an ordinary launch', () => {
    expect(findForbiddenLaunchSwitches(['/Applications/元境 Desktop.app/Contents/MacOS/元境 Desktop', '--server', 'https://x.cn'], none)).toEqual([]);
  });

  it.each(FORBIDDEN_LAUNCH_SWITCHES)('refuses --%s, with or without a value', (name) => {
    expect(findForbiddenLaunchSwitches(['app', `--${name}`], none)).toEqual([name]);
    expect(findForbiddenLaunchSwitches(['app', `--${name}=9222`], none)).toEqual([name]);
  });

  it('refuses the debugger pipe, not only the port', () => {
    expect(findForbiddenLaunchSwitches(['app', '--remote-debugging-pipe'], none)).toEqual(['remote-debugging-pipe']);
  });

  it("trusts Chromium's parser too (switches it read from elsewhere)", () => {
    expect(findForbiddenLaunchSwitches(['app'], (name) => name === 'no-sandbox')).toEqual(['no-sandbox']);
  });

  it('matches whole names, in any case, and stops at --', () => {
    expect(findForbiddenLaunchSwitches(['app', '--inspector-theme', '--js-flagsx'], none)).toEqual([]);
    expect(findForbiddenLaunchSwitches(['app', '--Remote-Debugging-Port=1'], none)).toEqual(['remote-debugging-port']);
    expect(findForbiddenLaunchSwitches(['app', '--', '--no-sandbox'], none)).toEqual([]);
  });

  it('lists several at once, in the order of the list', () => {
    expect(findForbiddenLaunchSwitches(['app', '--no-sandbox', '--remote-debugging-port=1'], none)).toEqual(['remote-debugging-port', 'no-sandbox']);
  });
});
