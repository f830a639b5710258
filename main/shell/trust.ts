/**
 * Feeds ipc/sender.ts from an Electron IPC event: the message must come from OUR window's
 * webContents, from its top frame, showing our page.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isTrustedSender, type SenderPolicy } from '../ipc/sender';

type InvokeEventLike = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function createSenderCheck(getContents: () => WebContents | null, policy: SenderPolicy): (event: InvokeEventLike) => boolean {
  return (event) => {
    const contents = getContents();
    if (!contents || event.sender !== contents) return false;
    const frame = event.senderFrame; // null once the frame navigated away or was destroyed
    if (!frame) return false;
    return isTrustedSender({ frameUrl: frame.url, isMainFrame: frame.parent === null }, policy);
  };
}

/** The same rule for navigation targets: is this URL our own page? */
export function createAppUrlCheck(policy: SenderPolicy): (url: string) => boolean {
  return (url) => isTrustedSender({ frameUrl: url, isMainFrame: true }, policy);
}
