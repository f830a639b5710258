/** `clipboard.copySecret`: a thin adapter over SecretClipboard. */
import { z } from 'zod';
import type { SecretClipboard } from '../../services/secret-clipboard';
import type { RouteSet } from '../../core/routes';

export type ClipboardRoute = 'clipboard.copySecret';

export function createClipboardRoutes(secretClipboard: SecretClipboard): RouteSet<ClipboardRoute> {
  return {
    handlers: {
      'clipboard.copySecret': async ({ text }) => secretClipboard.copy(text),
    },
    schemas: {
      'clipboard.copySecret': z.object({ text: z.string().min(1).max(10_000) }),
    },
  };
}
