/** Small shared helpers: ids, server time, the platform's JSON encodings, a seeded PRNG. */
import { randomBytes } from 'node:crypto';
import { wallClock, type SimClock } from './clock.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

export type Rng = () => number;

const CODES = Array.from(ALPHABET, (ch) => ch.charCodeAt(0));

/** 21-character URL-safe id like the platform's (`BjhzpdzWAkCrP4ekOot_R`). */
export function newId(rng?: Rng, length = 21): string {
  const codes = new Array<number>(length);
  if (rng) {
    for (let i = 0; i < length; i++) codes[i] = CODES[Math.floor(rng() * 64)] ?? 65;
  } else {
    const bytes = randomBytes(length);
    for (let i = 0; i < length; i++) codes[i] = CODES[(bytes[i] ?? 0) & 63] ?? 65;
  }
  return String.fromCharCode(...codes);
}

/** Fast ids for bulk data: slices of one base64url string filled from `rng` (deterministic per rng). */
export class IdPool {
  private readonly rng: Rng;
  private buf = '';
  private pos = 0;

  constructor(rng: Rng) {
    this.rng = rng;
  }

  next(length = 21): string {
    if (this.pos + length > this.buf.length) {
      const bytes = Buffer.allocUnsafe(12_288);
      for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE(Math.floor(this.rng() * 4294967296), i);
      this.buf = bytes.toString('base64url');
      this.pos = 0;
    }
    const id = this.buf.slice(this.pos, this.pos + length);
    this.pos += length;
    return id;
  }
}

export const ID_RE = /^[A-Za-z0-9_-]{21}$/;

/** Vendor task id: an 18-digit string starting with 8 or 9 (> 2^53, must stay a string). */
export function newTaskId(rng?: Rng): string {
  const r = rng ?? Math.random;
  const hi = 8e8 + Math.floor(r() * 2e8); // 9 digits, 800000000…999999999
  const lo = Math.floor(r() * 1e9);
  return `${hi}${String(lo).padStart(9, '0')}`;
}

/** mulberry32: deterministic demo data. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Server local time is UTC+8 (no zone designator on the wire). */
const OFFSET_MS = 8 * 3600 * 1000;

export function serverTime(ms: number = Date.now(), fraction = false): string {
  const iso = new Date(ms + OFFSET_MS).toISOString();
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return fraction ? `${base}.${iso.slice(20, 23)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}` : base;
}

/** The server's business date ("today"), YYYY-MM-DD. */
export function serverDate(ms: number = Date.now()): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Response JSON: pretty-printed, non-ASCII as \uXXXX (Python json.dumps(indent=4, ensure_ascii=True)). */
export function platformJson(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value, null, 4);
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Python json.dumps default separators (', ', ': '), Chinese kept as is (stream objects, `usages`). */
export function pyDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => pyDumps(v)).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pyDumps(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** Python repr() of plain data, for raw exception texts (`config_data={'duration': 5}`). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => pyRepr(v)).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return String(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parameter as a non-empty string, or null (Python: `if not params.get(x)`). */
export function strParam(params: Record<string, unknown>, name: string): string | null {
  const v = params[name];
  if (v === undefined || v === null || v === '' || v === false) return null;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

export function numParam(params: Record<string, unknown>, name: string): number | null {
  const v = params[name];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Tracks every timer so close() can clear them; also the simulator's clock (`now`). */
export class Timers {
  private readonly live = new Set<unknown>();
  constructor(private readonly clock: SimClock = wallClock) {}
  now(): number {
    return this.clock.now();
  }
  after(ms: number, fn: () => void): unknown {
    const t = this.clock.setTimeout(() => {
      this.live.delete(t);
      fn();
    }, Math.max(0, ms));
    this.live.add(t);
    return t;
  }
  cancel(t: unknown): void {
    this.clock.clearTimeout(t);
    this.live.delete(t);
  }
  clearAll(): void {
    for (const t of this.live) this.clock.clearTimeout(t);
    this.live.clear();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
