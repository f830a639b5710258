/** Fault injection: a list of faults, each hitting an exact path (or every platform path) N times. */
import type { Fault, FaultKind, Faults } from './types.ts';
import { bufferReply, forbidden, HTML_TYPE, serverError, widget, type BufferReply } from './http.ts';

const KINDS: readonly FaultKind[] = [
  'status500', 'slowHeaders', 'resetMidBody', 'emptyBody', 'widgetError', 'forbidden', 'rangeIgnored', 'plainText',
];
/** Faults that also hit media downloads when no path is given. */
const MEDIA_KINDS: readonly FaultKind[] = ['rangeIgnored', 'resetMidBody'];
export const PRE_KINDS: readonly FaultKind[] = ['status500', 'forbidden', 'widgetError', 'plainText'];
export const POST_KINDS: readonly FaultKind[] = ['emptyBody', 'resetMidBody'];

export type Area = 'platform' | 'media';

export function validateFault(input: unknown): Fault {
  if (typeof input !== 'object' || input === null) throw new Error('fault must be an object');
  const f = input as Record<string, unknown>;
  const kind = f['kind'];
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new Error(`fault.kind must be one of ${KINDS.join(', ')}`);
  }
  const out: Fault = { kind: kind as FaultKind };
  if (f['path'] !== undefined) {
    if (typeof f['path'] !== 'string' || !f['path'].startsWith('/')) throw new Error("fault.path must start with '/'");
    out.path = f['path'];
  }
  if (f['times'] !== undefined) {
    if (typeof f['times'] !== 'number' || !Number.isInteger(f['times']) || f['times'] < 1) throw new Error('fault.times must be a positive integer');
    out.times = f['times'];
  }
  if (f['delayMs'] !== undefined) {
    if (typeof f['delayMs'] !== 'number' || f['delayMs'] < 0) throw new Error('fault.delayMs must be a number >= 0');
    out.delayMs = f['delayMs'];
  }
  if (f['message'] !== undefined) {
    if (typeof f['message'] !== 'string') throw new Error('fault.message must be a string');
    out.message = f['message'];
  }
  return out;
}

export class FaultBook {
  private active: Fault[] = [];

  add(fault: Fault): Faults {
    this.active.push(validateFault(fault));
    return this.list();
  }

  clear(): Faults {
    this.active = [];
    return [];
  }

  list(): Faults {
    return this.active.map((f) => ({ ...f }));
  }

  /** Consumes one hit of the first active fault of one of `kinds` that applies to this request. */
  take(path: string, area: Area, kinds: readonly FaultKind[]): Fault | null {
    const index = this.active.findIndex((f) => kinds.includes(f.kind) && applies(f, path, area));
    if (index < 0) return null;
    const fault = this.active[index];
    if (!fault) return null;
    const hit = { ...fault };
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.active.splice(index, 1);
    }
    return hit;
  }
}

function applies(f: Fault, path: string, area: Area): boolean {
  if (f.path !== undefined) return f.path === path;
  return area === 'platform' || MEDIA_KINDS.includes(f.kind);
}

const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>系统维护中</title></head>
<body><h1>系统维护中</h1><p>元境平台正在升级维护，请稍后再试。</p><p>Service temporarily unavailable.</p></body></html>
`;

/** The reply a short-circuiting fault answers with. */
export function faultReply(fault: Fault, path: string): BufferReply {
  switch (fault.kind) {
    case 'forbidden':
      return forbidden();
    case 'widgetError':
      return widget(path.startsWith('/llmage/') ? 'llm inference' : 'Error', fault.message ?? 'Please login first');
    case 'plainText':
      return bufferReply(200, HTML_TYPE, MAINTENANCE_PAGE);
    default:
      return serverError();
  }
}
