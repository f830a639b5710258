/** A Logger that records every line, serialised, so tests can prove secrets never reach it. */
import type { Logger } from '../core/ports';

export interface CapturingLogger extends Logger {
  /** Every call, serialised: level, message and fields. */
  readonly lines: string[];
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, fields: fields ?? null }));
  };
  return { lines, info: write('info'), warn: write('warn'), error: write('error') };
}
