/** `clipboard.copySecret`: a thin adapter over SecretClipboard. */
import { z } from 'zod';
import type { SecretClipboard } from '../../services/secret-clipboard';
import type { HandlerMap, SchemaMap } from '../types';

export type ClipboardRoute = 'clipboard.copySecret';

export function createClipboardRoutes(secretClipboard: SecretClipboard): {
  handlers: Pick<HandlerMap, ClipboardRoute>;
  schemas: Pick<SchemaMap, ClipboardRoute>;
} {
  return {
    handlers: {
      'clipboard.copySecret': async ({ text }) => secretClipboard.copy(text),
    },
    schemas: {
      'clipboard.copySecret': z.object({ text: z.string().min(1).max(10_000) }),
    },
  };
}
