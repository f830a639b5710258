/**
 * Where is the first JSON syntax error, as line and column? `JSON.parse` messages differ between
 * engines and versions (some give no position at all), so a small scanner that follows the JSON
 * grammar finds the spot itself. It only checks; the value still comes from `JSON.parse`.
 */

export interface JsonErrorLocation {
  /** 0-based offset into the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in characters of that line. */
  column: number;
  /** What the scanner expected there: a word the screen translates (`account.pricing.errors.expected.*`). */
  expected: JsonExpectation;
}

export type JsonExpectation =
  | 'end'
  | 'value'
  | 'colon'
  | 'propertyName'
  | 'commaOrBrace'
  | 'commaOrBracket'
  | 'closingQuote'
  | 'noControlChar'
  | 'hexDigits'
  | 'escape'
  | 'number';

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: JsonExpectation,
  ) {
    super(expected);
  }
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): void {
    this.skipSpace();
    this.value();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('end');
  }

  private fail(expected: JsonExpectation): never {
    throw new JsonSyntaxError(this.pos, expected);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos] as string)) this.pos += 1;
  }

  private expectColon(): void {
    if (this.text[this.pos] !== ':') this.fail('colon');
    this.pos += 1;
  }

  private value(): void {
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail('value');
  }

  private object(): void {
    this.members('}', 'commaOrBrace', () => {
      if (this.text[this.pos] !== '"') this.fail('propertyName');
      this.string();
      this.skipSpace();
      this.expectColon();
      this.skipSpace();
      this.value();
    });
  }

  private array(): void {
    this.members(']', 'commaOrBracket', () => this.value());
  }

  /** `{…}` and `[…]` alike: empty, or members separated by commas up to the closing bracket. */
  private members(close: '}' | ']', separatorExpected: JsonExpectation, member: () => void): void {
    this.pos += 1;
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return;
    }
    for (;;) {
      member();
      this.skipSpace();
      const char = this.text[this.pos];
      this.pos += 1;
      if (char === close) return;
      if (char !== ',') {
        this.pos -= 1;
        this.fail(separatorExpected);
      }
      this.skipSpace();
    }
  }

  private string(): void {
    this.pos += 1;
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) this.fail('closingQuote');
      if (char === '"') {
        this.pos += 1;
        return;
      }
      if (char < ' ') this.fail('noControlChar');
      if (char === '\\') {
        const escaped = this.text[this.pos + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.pos += 2;
            this.fail('hexDigits');
          }
          this.pos += 6;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) {
          this.pos += 1;
          this.fail('escape');
        }
        this.pos += 2;
        continue;
      }
      this.pos += 1;
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail('number');
    this.pos += match[0].length;
  }
}

/** null when the text is valid JSON, else the first error's location. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  try {
    new Scanner(text).run();
    return null;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.offset);
    const lines = before.split('\n');
    const lastLine = lines[lines.length - 1] ?? '';
    return { offset: error.offset, line: lines.length, column: [...lastLine].length + 1, expected: error.expected };
  }
}

export type UsageJsonProblem =
  | { kind: 'empty' }
  | { kind: 'syntax'; line: number; column: number; expected: string }
  | { kind: 'notObject'; found: 'array' | 'string' | 'number' | 'boolean' | 'null' };

/** The pricing test's usage dict: JSON whose top level is an object (§1.1, §3.15). */
export function parseUsageJson(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; problem: UsageJsonProblem } {
  if (text.trim() === '') return { ok: false, problem: { kind: 'empty' } };
  let value: unknown;
  try {
    const error = locateJsonError(text);
    if (error) return { ok: false, problem: { kind: 'syntax', line: error.line, column: error.column, expected: error.expected } };
    value = JSON.parse(text);
  } catch {
    // Only absurd nesting gets here (the scanner's recursion or the engine gave up).
    return { ok: false, problem: { kind: 'syntax', line: 1, column: 1, expected: 'less deeply nested JSON' } };
  }
  if (value === null) return { ok: false, problem: { kind: 'notObject', found: 'null' } };
  if (Array.isArray(value)) return { ok: false, problem: { kind: 'notObject', found: 'array' } };
  if (typeof value !== 'object') return { ok: false, problem: { kind: 'notObject', found: typeof value as 'string' | 'number' | 'boolean' } };
  return { ok: true, value: value as Record<string, unknown> };
}
