/** Secrets on the OS clipboard, taken off again after a minute (SecretClipboard). */
import { createClipboardRoutes, type ClipboardRoute } from '../../ipc/handlers/clipboard';
import { SecretClipboard } from '../../services/secret-clipboard';
import type { CoreModule, Kernel } from '../module';

export function createClipboardModule(kernel: Kernel): CoreModule<ClipboardRoute> {
  const secretClipboard = new SecretClipboard({ clipboard: kernel.ports.clipboard ?? null, clock: kernel.clock, logger: kernel.logger });
  return { routes: createClipboardRoutes(secretClipboard), dispose: () => secretClipboard.dispose() };
}
