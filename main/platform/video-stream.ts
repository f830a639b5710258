/**
 * The incremental parser of the video generation stream (platform-api.md §4.1, §4.2, §4.4
 * steps 4–5, §10.7). Pure: feed it byte chunks as they arrive, get the events that are now
 * certain; call end() once to flush the rest.
 *
 * What it accepts, whatever the chunking:
 * - JSON objects one per line (A), a last object without newline (B), objects glued `{…}{…}` (C);
 * - raw UTF-8 (Chinese is not escaped) with multi-byte characters split across chunks;
 * - `ERROR:…` text lines (a vendor refusal printed as text instead of an object);
 * - junk between objects: reported and skipped; parsing resumes at the next `{` or line.
 *
 * Chunking never changes the result: a decision is only taken once the bytes that decide it
 * have arrived, so feeding a buffer in any split gives the same events as feeding it whole
 * (the property test proves it).
 */

export type StreamEvent =
  | { kind: 'object'; value: Record<string, unknown> }
  /** An `ERROR:…` text line, the whole line (prefix kept: that is how the platform words it). */
  | { kind: 'error'; message: string }
  /** Text that is neither: skipped, reported so the caller can log a warning (never the content). */
  | { kind: 'junk'; text: string };

const ERROR_PREFIX = 'ERROR:';

type Scan =
  /** A complete value ends at `end` (exclusive). */
  | { kind: 'complete'; end: number }
  /** More text is needed to decide. */
  | { kind: 'incomplete' }
  /** The object cannot be valid: a new top-level line opens another object before it closed. */
  | { kind: 'broken' };

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}

/** Whether the next non-space character after `from` opens an object. Past the end charAt gives '': no. */
function nextOpensObject(text: string, from: number): boolean {
  let j = from;
  while (isSpace(text.charAt(j))) j++;
  return text.charAt(j) === '{';
}

/**
 * Finds where the `{` at `start` closes: depth over `{`/`[` outside strings, with escapes.
 * A newline followed by `{` means the object was cut short — inside an object (stream objects
 * are one line; pretty-printed JSON only starts a line with `{` inside arrays) and inside a string
 * (JSON strings hold no raw newline: the line was cut mid-string, and its quotes no longer pair up).
 */
function scanObject(text: string, start: number): Scan {
  const stack: string[] = [];
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      else if (ch === '\n' && nextOpensObject(text, i + 1)) return { kind: 'broken' };
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') stack.push(ch);
    else if (ch === '}' || ch === ']') {
      stack.pop();
      if (stack.length === 0) return { kind: 'complete', end: i + 1 };
    } else if (ch === '\n' && stack[stack.length - 1] === '{' && nextOpensObject(text, i + 1)) {
      return { kind: 'broken' };
    }
  }
  return { kind: 'incomplete' };
}

/** The slice starts with `{`: JSON.parse gives an object or throws, never another kind of value. */
function parseObject(slice: string): Record<string, unknown> | null {
  try {
    return JSON.parse(slice) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export class VideoStreamParser {
  private readonly decoder = new TextDecoder('utf-8');
  private text = '';
  private ended = false;

  /** Adds bytes; returns the events they complete. */
  push(chunk: Uint8Array): StreamEvent[] {
    if (this.ended) throw new Error('VideoStreamParser: push() after end()');
    this.text += this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** The response ended (cleanly or not): flushes the decoder and whatever is left. */
  end(): StreamEvent[] {
    // A second end() finds nothing: the first one left no text and flushed the decoder.
    this.ended = true;
    this.text += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): StreamEvent[] {
    const events: StreamEvent[] = [];
    let pos = 0;
    const text = this.text;
    while (pos < text.length) {
      const ch = text.charAt(pos);
      if (isSpace(ch)) {
        pos++;
        continue;
      }
      const step = ch === '{' ? this.object(text, pos, final, events) : this.line(text, pos, final, events);
      if (step === null) break;
      pos = step;
    }
    this.text = text.slice(pos);
    return events;
  }

  /** An object at `pos`: returns where to continue, or null to wait for more text. */
  private object(text: string, pos: number, final: boolean, events: StreamEvent[]): number | null {
    const scan = scanObject(text, pos);
    if (scan.kind === 'complete') {
      const value = parseObject(text.slice(pos, scan.end));
      if (value) {
        events.push({ kind: 'object', value });
        return scan.end;
      }
    } else if (scan.kind !== 'broken' && !final) {
      return null; // incomplete: wait for more
    }
    // Broken, unparseable, or truncated at the end: skip to the next `{` and try again there.
    const next = text.indexOf('{', pos + 1);
    const stop = next === -1 ? text.length : next;
    events.push({ kind: 'junk', text: text.slice(pos, stop).trim() });
    return stop;
  }

  /** Text that is not an object: an `ERROR:` line, or junk up to the next `{` or newline. */
  private line(text: string, pos: number, final: boolean, events: StreamEvent[]): number | null {
    // A cut-off start like `ERR` needs no case of its own: it runs to the end of the text, so the
    // junk scan below waits for more just the same.
    if (text.startsWith(ERROR_PREFIX, pos)) {
      const newline = text.indexOf('\n', pos);
      if (newline === -1 && !final) return null;
      const stop = newline === -1 ? text.length : newline;
      events.push({ kind: 'error', message: text.slice(pos, stop).trim() });
      return stop;
    }
    let stop = pos;
    while (stop < text.length && text[stop] !== '{' && text[stop] !== '\n') stop++;
    if (stop === text.length && !final) return null;
    events.push({ kind: 'junk', text: text.slice(pos, stop).trim() });
    return stop;
  }
}

/** Parses a whole body at once (tests, and bodies that arrived in one piece). */
export function parseVideoStream(body: Uint8Array): StreamEvent[] {
  const parser = new VideoStreamParser();
  return [...parser.push(body), ...parser.end()];
}
