/**
 * File names of downloaded videos (issue 8): the user's template ({date} {time} {model} {prompt}
 * {taskid} {catalog}, see DEFAULT_FILE_NAME_TEMPLATE) filled with the task's facts, then made safe
 * on Windows and macOS whatever the prompt or the template holds:
 *
 * - NFC (macOS hands out NFD names; one form keeps names comparable and searchable);
 * - no `<>:"/\|?*`, control or invisible format characters (bidi overrides could disguise a name);
 * - no leading dot (a hidden file) or dash, no trailing dot or space (Windows drops them);
 * - not a reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension);
 * - the stem at most STEM_MAX_BYTES of UTF-8, so `<stem> (99).mp4.part.json` and the sidecar
 *   name stay under the 255-byte limit of every common file system;
 * - a numeric suffix ` (2)`, ` (3)` … when the name is taken (a file, its .part, another download).
 */
import { FILE_NAME_PLACEHOLDERS } from '../../../preload/contract/limits';

export const STEM_MAX_BYTES = 180;
/** Prompts run to 2,000 characters; a file name carries their start (in bytes too: CJK takes 3 each). */
export const PROMPT_SLUG_MAX_CHARS = 48;
const PROMPT_SLUG_MAX_BYTES = 96;
const MODEL_SLUG_MAX_BYTES = 40;

export interface NameFacts {
  /** When the task was created (local time in the name). */
  createdAt: number;
  /** The model's display name (e.g. `Vidu Q3 文生视频`); its platform id when the name is empty. */
  modelName: string;
  /** The platform's model id (`llmid`, an opaque code). */
  llmid: string;
  prompt: string;
  /** The platform task id; the local id when there is none. */
  taskid: string;
  catalog: string;
}

type Placeholder = (typeof FILE_NAME_PLACEHOLDERS)[number];

const ILLEGAL = /[<>:"/\\|?*\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Letters, marks and digits of every script (CJK kept), lower-cased; everything else (punctuation,
 * symbols, emoji, spaces) becomes one `-`. Cut at `maxChars` code points and `maxBytes` of UTF-8,
 * so the default template's task id still fits in the stem after a long CJK prompt.
 */
export function slugify(text: string, maxChars: number, maxBytes = Infinity): string {
  const words = text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== '');
  const slug = words.join('-');
  const cut = truncateUtf8([...slug].slice(0, maxChars).join(''), maxBytes);
  return cut.replace(/-+$/, '');
}

function placeholderValue(name: Placeholder, facts: NameFacts): string {
  const at = new Date(facts.createdAt);
  switch (name) {
    case 'date':
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
    case 'time':
      return `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
    case 'model':
      return slugify(facts.modelName || facts.llmid, MODEL_SLUG_MAX_BYTES, MODEL_SLUG_MAX_BYTES);
    case 'prompt':
      return slugify(facts.prompt, PROMPT_SLUG_MAX_CHARS, PROMPT_SLUG_MAX_BYTES);
    case 'taskid':
      return slugify(facts.taskid, 64);
    case 'catalog':
      return slugify(facts.catalog, 8);
  }
}

/** The template filled in; unknown `{words}` stay as written (the user sees their typo). */
export function renderTemplate(template: string, facts: NameFacts): string {
  const known = new Set<string>(FILE_NAME_PLACEHOLDERS);
  return template.replace(/\{([a-z]+)\}/g, (whole, name: string) => (known.has(name) ? placeholderValue(name as Placeholder, facts) : whole));
}

/** Cuts to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

const trimEdges = (text: string) => text.replace(/^[\s.\-_]+/u, '').replace(/[\s.]+$/u, '');

/** Any text → a stem every file system accepts (the extension is added by the caller). */
export function safeStem(raw: string, maxBytes = STEM_MAX_BYTES): string {
  let stem = raw.normalize('NFC').replace(ILLEGAL, '_');
  // An empty placeholder leaves doubled separators behind: `2026-12-02__803110`.
  stem = stem.replace(/([_\- ])\1+/g, '$1').replace(/\s+/gu, ' ');
  stem = trimEdges(truncateUtf8(trimEdges(stem), maxBytes));
  if (stem === '') return 'video';
  // Windows treats `CON`, `con.mp4`, `Con .x.mp4` alike: the part before the first dot, trailing spaces ignored.
  const base = stem.split('.')[0]?.replace(/\s+$/u, '') ?? '';
  return RESERVED.test(base) ? `_${stem}` : stem;
}

/** The stem of a task's video: its template filled in and made safe. */
export function videoStem(template: string, facts: NameFacts): string {
  return safeStem(renderTemplate(template, facts));
}

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.webm', '.mkv', '.m4v']);

/** The video's extension from its URL (its path, or the `path=` of a platform /idfile URL); `.mp4` otherwise. */
export function videoExtension(url: string): string {
  let candidates: string[] = [];
  try {
    const parsed = new URL(url);
    candidates = [parsed.pathname, parsed.searchParams.get('path') ?? ''];
  } catch {
    // not a URL: the default below
  }
  for (const path of candidates) {
    const ext = /(\.[a-z0-9]{2,4})$/i.exec(path)?.[1]?.toLowerCase();
    if (ext && VIDEO_EXTENSIONS.has(ext)) return ext;
  }
  return '.mp4';
}

/**
 * `<stem><ext>`, or `<stem> (2)<ext>`, `<stem> (3)<ext>` … — the first one `taken` refuses.
 * `taken` must answer for the name itself, its .part and any other download's name (the
 * caller knows the folder and the queue).
 */
export function uniqueName(stem: string, ext: string, taken: (name: string) => boolean): string {
  for (let n = 1; n < 10_000; n += 1) {
    const name = n === 1 ? `${stem}${ext}` : `${stem} (${n})${ext}`;
    if (!taken(name)) return name;
  }
  throw new Error('no free file name after 10,000 tries');
}
