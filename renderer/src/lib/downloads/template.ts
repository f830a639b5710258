/**
 * The download file-name template (settings → 下载): checked as it is typed, and shown with an
 * example. Only the placeholders main knows (FILE_NAME_PLACEHOLDERS, one list for both sides);
 * literal text must be legal in a file name on Windows and macOS. Main makes the final name
 * safe anyway (reserved names, length, Unicode normalisation, a suffix on collision); this is
 * to tell the user early, in words.
 */
import { FILE_NAME_PLACEHOLDERS } from '@contract/limits';

export type Placeholder = (typeof FILE_NAME_PLACEHOLDERS)[number];
/** Long enough for any sensible template; main shortens the resulting name to fit the OS. */
export const TEMPLATE_MAX_LENGTH = 200;
/** Characters Windows refuses in a file name (macOS refuses ':' and '/' among them). */
export const ILLEGAL_CHARS = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

export type TemplateProblem =
  | { kind: 'empty' }
  | { kind: 'brace' }
  | { kind: 'unknown'; name: string }
  | { kind: 'illegal'; chars: string }
  | { kind: 'tooLong'; max: number }
  | { kind: 'noPlaceholder' };

const isPlaceholder = (name: string): name is Placeholder => (FILE_NAME_PLACEHOLDERS as readonly string[]).includes(name);

/** Literal text and placeholders, in order; null when the braces do not pair up. */
function parse(template: string): ({ text: string } | { name: string })[] | null {
  const parts: ({ text: string } | { name: string })[] = [];
  let rest = template;
  while (rest) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open < 0) {
      if (close >= 0) return null;
      parts.push({ text: rest });
      break;
    }
    if (close >= 0 && close < open) return null;
    const end = rest.indexOf('}', open);
    if (end < 0) return null;
    const name = rest.slice(open + 1, end);
    if (name.includes('{')) return null;
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    parts.push({ name });
    rest = rest.slice(end + 1);
  }
  return parts;
}

export function checkTemplate(template: string): TemplateProblem | null {
  if (!template.trim()) return { kind: 'empty' };
  if (template.length > TEMPLATE_MAX_LENGTH) return { kind: 'tooLong', max: TEMPLATE_MAX_LENGTH };
  const parts = parse(template);
  if (!parts) return { kind: 'brace' };
  const unknown = parts.find((part): part is { name: string } => 'name' in part && !isPlaceholder(part.name));
  if (unknown) return { kind: 'unknown', name: unknown.name };
  const literal = parts.map((part) => ('text' in part ? part.text : '')).join('');
  const illegal = [...new Set([...literal].filter((char) => ILLEGAL_CHARS.includes(char) || /[\u0000-\u001f]/.test(char)))];
  if (illegal.length) return { kind: 'illegal', chars: illegal.map((char) => (char < ' ' ? `U+${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char)).join(' ') };
  if (!parts.some((part) => 'name' in part)) return { kind: 'noPlaceholder' };
  return null;
}

/** The name a template gives with `values` filled in (an example; main builds the real one). */
export function renderTemplate(template: string, values: Record<Placeholder, string>, extension = '.mp4'): string {
  const parts = parse(template) ?? [{ text: template }];
  return parts.map((part) => ('text' in part ? part.text : isPlaceholder(part.name) ? values[part.name] : `{${part.name}}`)).join('') + extension;
}

export const placeholderList = (): string => FILE_NAME_PLACEHOLDERS.map((name) => `{${name}}`).join(' ');
