/** File names from the template, safe on Windows and macOS whatever the prompt holds. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_NAME_TEMPLATE } from '../../../preload/contract/limits';
import { renderTemplate, safeStem, slugify, STEM_MAX_BYTES, truncateUtf8, uniqueName, videoExtension, videoStem, type NameFacts } from './naming';

const facts = (over: Partial<NameFacts> = {}): NameFacts => ({
  createdAt: new Date(2026, 11, 2, 9, 5, 7).getTime(), // local time, as the name shows it
  llmid: 'BjhzpdzWAkCrP4ekOot_R',
  modelName: 'Vidu Q3 文生视频',
  prompt: 'A cat on a roof',
  taskid: '861203947562318336',
  catalog: 't2v',
  ...over,
});

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const WINDOWS_ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/;

describe('renderTemplate / videoStem', () => {
  it('fills the default template', () => {
    expect(videoStem(DEFAULT_FILE_NAME_TEMPLATE, facts())).toBe('2026-12-02_vidu-q3-文生视频_a-cat-on-a-roof_861203947562318336');
  });

  it('knows every placeholder and leaves unknown ones as written', () => {
    expect(renderTemplate('{date} {time} {model} {catalog} {taskid} {foo}', facts())).toBe('2026-12-02 090507 vidu-q3-文生视频 t2v 861203947562318336 {foo}');
  });

  it('uses the model id when the name is empty', () => {
    expect(renderTemplate('{model}', facts({ modelName: '' }))).toBe('bjhzpdzwakcrp4ekoot-r');
  });

  it('collapses the separators an empty prompt leaves', () => {
    expect(videoStem(DEFAULT_FILE_NAME_TEMPLATE, facts({ prompt: '!!! 🎬🎬 ???' }))).toBe('2026-12-02_vidu-q3-文生视频_861203947562318336');
  });

  it('cuts each placeholder to its own budget: model 40 bytes, prompt 48 characters, catalog 8, task id 64', () => {
    const long = facts({ modelName: 'Model '.repeat(20), prompt: 'word '.repeat(40), catalog: 'catalogue-name', taskid: '7'.repeat(80) });
    expect(renderTemplate('{model}', long)).toBe('model-model-model-model-model-model-mode');
    expect(renderTemplate('{prompt}', long)).toBe('word-word-word-word-word-word-word-word-word-wor');
    expect(renderTemplate('{catalog}', long)).toBe('catalogu');
    expect(renderTemplate('{taskid}', long)).toBe('7'.repeat(64));
    expect(renderTemplate('{prompt}', facts({ prompt: '猫'.repeat(60) }))).toBe('猫'.repeat(32));
  });

  it('pads the date and time with zeros', () => {
    const early = facts({ createdAt: new Date(2026, 0, 5, 3, 4, 9).getTime() });
    expect(renderTemplate('{date} {time}', early)).toBe('2026-01-05 030409');
  });

  it('knows placeholders in lower case only', () => {
    expect(renderTemplate('{Date}{TASKID}{}', facts())).toBe('{Date}{TASKID}{}');
  });

  it('turns a template with slashes into one name, not folders', () => {
    const stem = videoStem('{date}/{model}\\..\\{prompt}', facts());
    expect(stem).not.toMatch(/[/\\]/);
    expect(stem.startsWith('2026-12-02_vidu-q3-文生视频_')).toBe(true);
  });
});

describe('slugify', () => {
  it.each([
    ['A cat on a roof', 'a-cat-on-a-roof'],
    ['一只猫 在屋顶上，看着月亮。', '一只猫-在屋顶上-看着月亮'],
    ['  many   spaces\t\nand\r\nlines  ', 'many-spaces-and-lines'],
    ['猫🐱cat', '猫-cat'],
    ['Ça va? Déjà-vu!', 'ça-va-déjà-vu'],
    ['日本語のテキスト、한국어 텍스트', '日本語のテキスト-한국어-텍스트'],
    ['', ''],
    ['***', ''],
  ])('%j → %j', (input, slug) => {
    expect(slugify(input, 48)).toBe(slug);
  });

  it('cuts long prompts at a character, never at a dash', () => {
    const slug = slugify('一二三四五 六七八九十 '.repeat(20), 11);
    expect([...slug].length).toBeLessThanOrEqual(11);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('a cut that ends at a separator drops it', () => {
    expect(slugify('ab cd', 3)).toBe('ab');
    expect(slugify('ab cd', 5)).toBe('ab-cd');
  });

  it('cuts at a byte budget too, never inside a character', () => {
    const slug = slugify('猫'.repeat(100), 48, 96);
    expect(slug).toBe('猫'.repeat(32));
  });

  it('makes NFD and NFC text the same slug', () => {
    expect(slugify('Cafe\u0301', 20)).toBe(slugify('Café', 20));
  });
});

describe('safeStem: hostile input', () => {
  const table: [string, string, string][] = [
    // [what, input, expected]
    ['Windows reserved name', 'CON', '_CON'],
    ['reserved, lower case', 'nul', '_nul'],
    ['reserved with an extension', 'com1.backup', '_com1.backup'],
    ['reserved with a space before the dot', 'Lpt9 .x', '_Lpt9 .x'],
    ['superscript COM port', 'COM¹', '_COM¹'],
    ['not reserved: longer word', 'CONSOLE', 'CONSOLE'],
    ['not reserved: COM0', 'COM0', 'COM0'],
    ['illegal characters', 'a<b>c:d"e/f\\g|h?i*j', 'a_b_c_d_e_f_g_h_i_j'],
    ['control characters', 'a\u0000b\u0007c\u001fd\u007fe', 'a_b_c_d_e'],
    ['bidi override (disguised extension)', 'video\u202Egpj.exe', 'video_gpj.exe'],
    ['zero-width joiner', 'a\u200Db', 'a_b'],
    ['trailing dots and spaces', 'name. . ..  ', 'name'],
    ['leading dot (hidden file)', '..hidden', 'hidden'],
    ['leading dash', '--rf', 'rf'],
    ['path traversal', '../../etc/passwd', 'etc_passwd'],
    ['only dots', '....', 'video'],
    ['empty', '', 'video'],
    ['only illegal characters', '<>:"/\\|?*', 'video'],
    ['NFD becomes NFC', 'Cafe\u0301', 'Caf\u00e9'],
    ['line breaks inside', 'one\ntwo', 'one_two'],
    ['leading underscores and spaces', '__ _clip', 'clip'],
    ['trailing underscore and dash kept', 'clip_-', 'clip_-'],
    ['doubled separators', 'a__b--c  d', 'a_b-c d'],
    ['tripled separators', 'a___b---c', 'a_b-c'],
    ['not reserved: a space inside', 'nu l.mp4', 'nu l.mp4'],
    ['other spaces become one plain space', 'a\u00a0\u3000b', 'a b'],
    ['reserved name with an extension and spaces', 'aux .mp4', '_aux .mp4'],
    ['reserved word inside a longer name', 'aux-file', 'aux-file'],
  ];

  it.each(table)('%s', (_what, input, expected) => {
    const stem = safeStem(input);
    expect(stem).toBe(expected);
    expect(stem).not.toMatch(WINDOWS_ILLEGAL);
    expect(stem).not.toMatch(/[ .]$/);
    expect(stem.normalize('NFC')).toBe(stem);
  });

  it.each([
    ['ASCII', 'a'.repeat(1000)],
    ['CJK (3 bytes each)', '猫'.repeat(500)],
    ['emoji and CJK mixed', '猫🐱'.repeat(300)],
    ['4-byte characters', '𠀀'.repeat(200)],
  ])('keeps %s within %d bytes without splitting a character', (_what, input) => {
    const stem = safeStem(input);
    expect(bytes(stem)).toBeLessThanOrEqual(STEM_MAX_BYTES);
    expect(stem).not.toContain('\uFFFD');
    expect(Buffer.from(stem, 'utf8').toString('utf8')).toBe(stem);
    // The longest derived name fits in 255 bytes.
    expect(bytes(`${stem} (9999).mp4.part.json`)).toBeLessThanOrEqual(255);
  });

  it('a long prompt through the default template fits, and the task id survives', () => {
    const stem = videoStem(DEFAULT_FILE_NAME_TEMPLATE, facts({ prompt: '一只橘猫在屋顶上看月亮，'.repeat(200) }));
    expect(bytes(stem)).toBeLessThanOrEqual(STEM_MAX_BYTES);
    expect(stem.endsWith('_861203947562318336')).toBe(true);
  });

  it('a template that renders a reserved name is made safe', () => {
    expect(videoStem('{prompt}', facts({ prompt: 'aux' }))).toBe('_aux');
    expect(videoStem('{prompt}', facts({ prompt: 'Prn!' }))).toBe('_prn');
  });

  it('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('ab猫', 4)).toBe('ab');
    expect(truncateUtf8('ab猫', 5)).toBe('ab猫');
    expect(truncateUtf8('🐱🐱', 5)).toBe('🐱');
  });
});

describe('uniqueName', () => {
  it('adds (2), (3) … while the name is taken', () => {
    const taken = new Set(['clip.mp4', 'clip (2).mp4']);
    expect(uniqueName('clip', '.mp4', (n) => taken.has(n))).toBe('clip (3).mp4');
    expect(uniqueName('other', '.mp4', (n) => taken.has(n))).toBe('other.mp4');
  });

  it('gives up (with an error, not a loop) when 10,000 names are taken', () => {
    let asked = 0;
    expect(() => uniqueName('x', '.mp4', () => ((asked += 1), true))).toThrow('no free file name');
    expect(asked).toBe(9_999);
  });

  it('asks the caller about every candidate (so it can check .part files and the queue)', () => {
    const asked: string[] = [];
    uniqueName('x', '.mp4', (n) => (asked.push(n), asked.length < 3));
    expect(asked).toEqual(['x.mp4', 'x (2).mp4', 'x (3).mp4']);
  });
});

describe('videoExtension', () => {
  it.each([
    ['https://cdn.example/a/861.mp4?Expires=1&Signature=x', '.mp4'],
    ['https://cdn.example/a/861.MOV', '.mov'],
    ['https://p.example/idfile?path=/files/x.webm', '.webm'],
    ['https://cdn.example/a/861.exe', '.mp4'],
    ['https://cdn.example/a/861', '.mp4'],
    ['not a url', '.mp4'],
    ['https://cdn.example/a/861.M4V', '.m4v'],
    ['https://cdn.example/a/x.mov.mp4', '.mp4'],
    ['https://cdn.example/a/clip.mkv?x=1', '.mkv'],
    ['https://cdn.example/a.mp4/clip', '.mp4'],
    ['https://p.example/idfile?path=/files/x.mov&t=1', '.mov'],
    ['https://p.example/idfile?path=/files/x.mpeg4', '.mp4'],
  ])('%s → %s', (url, ext) => {
    expect(videoExtension(url)).toBe(ext);
  });
});
