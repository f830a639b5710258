/** The stream parser: every §4.2 form, malformed input, and chunking invariance (property test). */
import { describe, expect, it } from 'vitest';
import { parseVideoStream, VideoStreamParser, type StreamEvent } from './video-stream';

const enc = (text: string): Buffer => Buffer.from(text, 'utf8');
const obj = (value: Record<string, unknown>): StreamEvent => ({ kind: 'object', value });

const TASK = '861203947562318336';
const CREATED = `{"taskid": "${TASK}", "status": "created"}`;
const PROCESSING = `{"taskid": "${TASK}", "status": "processing"}`;
const SUCCEEDED = `{"taskid": "${TASK}", "status": "SUCCEEDED", "video": "https://cdn.example/${TASK}.mp4?Expires=1767225600", "usage": {"duration": 5, "SR": 1080}, "type": "video"}`;

/** Every form the client must read (§4.2 A–E, §3.10 ERROR lines) plus malformed variants. */
const FORMS: Record<string, { body: string; expected: StreamEvent[] }> = {
  'A: lines until terminal': {
    body: `${CREATED}\n${PROCESSING}\n${SUCCEEDED}\n`,
    expected: [obj({ taskid: TASK, status: 'created' }), obj({ taskid: TASK, status: 'processing' }), obj(JSON.parse(SUCCEEDED) as Record<string, unknown>)],
  },
  'B: one object without newline': { body: CREATED, expected: [obj({ taskid: TASK, status: 'created' })] },
  'C: glued objects': { body: `${CREATED}${CREATED}`, expected: [obj({ taskid: TASK, status: 'created' }), obj({ taskid: TASK, status: 'created' })] },
  'D+E: FAILED line then an error-only object, Chinese raw': {
    body: '{"error": "ERROR:vendor request failed: HTTP 400 invalid duration (Authorization: Bearer XXXXXXXX)", "status": "FAILED"}\n{"error": "供应商提示：视频时长超出模型支持范围"}\n',
    expected: [
      obj({ error: 'ERROR:vendor request failed: HTTP 400 invalid duration (Authorization: Bearer XXXXXXXX)', status: 'FAILED' }),
      obj({ error: '供应商提示：视频时长超出模型支持范围' }),
    ],
  },
  'model not found with llmusageid': {
    body: '{"status": "FAILED", "error": "llmid:BjhzpdzWAkCrP4ekOot_R没找到模型", "llmusageid": "czvyr-RqXB-gvsnjLn09f"}\n',
    expected: [obj({ status: 'FAILED', error: 'llmid:BjhzpdzWAkCrP4ekOot_R没找到模型', llmusageid: 'czvyr-RqXB-gvsnjLn09f' })],
  },
  'ERROR: text lines, the last one without newline': {
    body: 'ERROR:vendor refused: 内容不合规\r\nERROR:second',
    expected: [{ kind: 'error', message: 'ERROR:vendor refused: 内容不合规' }, { kind: 'error', message: 'ERROR:second' }],
  },
  'strings with braces, escaped quotes and backslashes': {
    body: '{"error": "bad {json} \\"quoted\\" \\\\ end }", "status": "FAILED"}{"a": ["{", "}"]}',
    expected: [obj({ error: 'bad {json} "quoted" \\ end }', status: 'FAILED' }), obj({ a: ['{', '}'] })],
  },
  'junk between objects is skipped, the rest kept': {
    body: `<html>busy</html>\n${CREATED}garbage${PROCESSING}\n`,
    expected: [{ kind: 'junk', text: '<html>busy</html>' }, obj({ taskid: TASK, status: 'created' }), { kind: 'junk', text: 'garbage' }, obj({ taskid: TASK, status: 'processing' })],
  },
  'an object cut short by a new line resyncs at the next object': {
    body: `{"taskid": "${TASK}", "sta\n${PROCESSING}\n`,
    expected: [{ kind: 'junk', text: `{"taskid": "${TASK}", "sta` }, obj({ taskid: TASK, status: 'processing' })],
  },
  'an object cut between two members resyncs at the next object': {
    body: `{"taskid": "${TASK}",\r\n  ${PROCESSING}\n`,
    expected: [{ kind: 'junk', text: `{"taskid": "${TASK}",` }, obj({ taskid: TASK, status: 'processing' })],
  },
  'an escaped quote alone in a string': { body: '{"error": "他说\\"不行}"}', expected: [obj({ error: '他说"不行}' })] },
  'balanced but invalid JSON is junk': { body: `{taskid: 1}\n${CREATED}`, expected: [{ kind: 'junk', text: '{taskid: 1}' }, obj({ taskid: TASK, status: 'created' })] },
  'a truncated last object is junk': { body: `${CREATED}\n{"taskid": "${TASK}", "status": "proc`, expected: [obj({ taskid: TASK, status: 'created' }), { kind: 'junk', text: `{"taskid": "${TASK}", "status": "proc` }] },
  'pretty-printed object with a nested array of objects': {
    body: '{\n    "output": [\n        {\n            "status": "created"\n        }\n    ]\n}',
    expected: [obj({ output: [{ status: 'created' }] })],
  },
  'a lone ERR at the end is junk': { body: `${CREATED}\nERR`, expected: [obj({ taskid: TASK, status: 'created' }), { kind: 'junk', text: 'ERR' }] },
  'empty and whitespace-only bodies': { body: ' \r\n\t', expected: [] },
  '4-byte characters (emoji) in strings': { body: '{"error": "失败😀"}', expected: [obj({ error: '失败😀' })] },
};

/** mulberry32: a seeded PRNG so a failing chunking can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `bytes` at random points (sometimes one byte at a time, sometimes few large pieces). */
function randomChunks(bytes: Buffer, next: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  const maxPiece = 1 + Math.floor(next() * (next() < 0.3 ? 3 : bytes.length + 1));
  let pos = 0;
  while (pos < bytes.length) {
    const size = 1 + Math.floor(next() * maxPiece);
    chunks.push(bytes.subarray(pos, pos + size));
    pos += size;
  }
  return chunks;
}

function parseChunks(chunks: Buffer[]): StreamEvent[] {
  const parser = new VideoStreamParser();
  const events = chunks.flatMap((c) => parser.push(c));
  return [...events, ...parser.end()];
}

describe('parseVideoStream: each form, whole', () => {
  it.each(Object.entries(FORMS))('%s', (_name, { body, expected }) => {
    expect(parseVideoStream(enc(body))).toEqual(expected);
  });
});

describe('VideoStreamParser incrementally', () => {
  it('emits an object as soon as it closes, and a B object without newline only at end()', () => {
    const parser = new VideoStreamParser();
    expect(parser.push(enc(`${CREATED}\n{"taskid": "${TASK}"`))).toEqual([obj({ taskid: TASK, status: 'created' })]);
    expect(parser.push(enc(', "status": "processing"}'))).toEqual([obj({ taskid: TASK, status: 'processing' })]);
    const last = new VideoStreamParser();
    expect(last.push(enc('ERROR:no newline yet'))).toEqual([]);
    expect(last.end()).toEqual([{ kind: 'error', message: 'ERROR:no newline yet' }]);
  });

  it('a Chinese character split across chunks is decoded once whole', () => {
    const bytes = enc('{"error": "审核"}');
    const cut = bytes.indexOf(0xe5) + 1; // inside the first character's three bytes
    const parser = new VideoStreamParser();
    expect(parser.push(bytes.subarray(0, cut))).toEqual([]);
    expect(parser.push(bytes.subarray(cut))).toEqual([obj({ error: '审核' })]);
  });

  // A refusal or a broken object must reach the user when its line ends, not when the response does
  // (variant A keeps the response open for minutes).
  it('a terminated ERROR: line, junk line or broken object is reported by push(), without waiting for end()', () => {
    const parser = new VideoStreamParser();
    expect(parser.push(enc('ERROR:vendor 拒绝 {x}\n'))).toEqual([{ kind: 'error', message: 'ERROR:vendor 拒绝 {x}' }]);
    expect(parser.push(enc('<br>\r\n'))).toEqual([{ kind: 'junk', text: '<br>' }]);
    expect(parser.push(enc('{taskid: 1}\n'))).toEqual([{ kind: 'junk', text: '{taskid: 1}' }]);
    // Cut inside a string (its quotes no longer pair up) and cut between members.
    expect(parser.push(enc(`{"taskid": "${TASK}", "sta\r\n  ${CREATED}`))).toEqual([{ kind: 'junk', text: `{"taskid": "${TASK}", "sta` }, obj({ taskid: TASK, status: 'created' })]);
    expect(parser.push(enc(`{"taskid": "${TASK}", "sta\n${CREATED}`))).toEqual([{ kind: 'junk', text: `{"taskid": "${TASK}", "sta` }, obj({ taskid: TASK, status: 'created' })]);
    expect(parser.push(enc(`{"taskid": "${TASK}",\n${CREATED}`))).toEqual([{ kind: 'junk', text: `{"taskid": "${TASK}",` }, obj({ taskid: TASK, status: 'created' })]);
    expect(parser.end()).toEqual([]);
  });

  it('an unfinished ERROR: line, junk or object waits for more text', () => {
    const parser = new VideoStreamParser();
    expect(parser.push(enc('ERROR:no newline'))).toEqual([]);
    expect(parser.push(enc(' yet\nERR'))).toEqual([{ kind: 'error', message: 'ERROR:no newline yet' }]);
    expect(parser.push(enc('OR:x\n<br'))).toEqual([{ kind: 'error', message: 'ERROR:x' }]);
    expect(parser.push(enc('>{"a": 1,\n'))).toEqual([{ kind: 'junk', text: '<br>' }]);
    expect(parser.push(enc(' "b": {"c": [2]}}'))).toEqual([obj({ a: 1, b: { c: [2] } })]);
  });

  it('refuses push() after end(); a second end() adds nothing', () => {
    const parser = new VideoStreamParser();
    parser.end();
    expect(parser.end()).toEqual([]);
    expect(() => parser.push(enc('{}'))).toThrow(/after end/);
  });
});

/**
 * Under Stryker every mutant of the parser reruns these tests on instrumented code on a shared,
 * loaded machine, many times slower: there the random chunkings take a fiftieth of their runs and
 * the long concatenation is not cut at every byte (each form alone still is), or they dominate the
 * whole mutation run. `npm test` runs them all.
 */
const UNDER_STRYKER = process.env.STRYKER_MUTATOR_WORKER !== undefined;
const runs = (n: number): number => (UNDER_STRYKER ? Math.ceil(n / 50) : n);

describe('property: any chunking gives the same events as the whole buffer', () => {
  const all = Object.entries(FORMS);
  // Every form alone, and all of them concatenated (line-separated) as one long stream.
  const cases: [string, Buffer][] = [...all.map(([name, f]): [string, Buffer] => [name, enc(f.body)]), ['all forms in one stream', enc(all.map(([, f]) => f.body).join('\n'))]];

  it.each(UNDER_STRYKER ? cases.slice(0, -1) : cases)('%s: cut in two at every byte', (_name, bytes) => {
    const whole = parseVideoStream(bytes);
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = parseChunks([bytes.subarray(0, cut), bytes.subarray(cut)]);
      if (JSON.stringify(events) !== JSON.stringify(whole)) expect({ cut, events }).toEqual({ cut, events: whole });
    }
  });

  it.each(cases)('%s: byte by byte', (_name, bytes) => {
    expect(parseChunks([...bytes].map((b) => Buffer.from([b])))).toEqual(parseVideoStream(bytes));
  });

  // The long concatenation gets fewer runs: it is the slow one, and every form is covered alone.
  it.each(cases)('%s: random chunkings', (name, bytes) => {
    const whole = parseVideoStream(bytes);
    const next = rng(0x5eed + bytes.length);
    const count = runs(name === 'all forms in one stream' ? 400 : 2000);
    for (let run = 0; run < count; run++) {
      const chunks = randomChunks(bytes, next);
      const events = parseChunks(chunks);
      if (JSON.stringify(events) !== JSON.stringify(whole)) {
        // Show the chunking that broke it, so it can be replayed.
        expect({ chunks: chunks.map((c) => c.toString('hex')), events }).toEqual({ chunks: chunks.map((c) => c.toString('hex')), events: whole });
      }
    }
  });

  it('random garbage never throws and never loses a following object', () => {
    const next = rng(42);
    for (let run = 0; run < runs(500); run++) {
      const junk = Buffer.from(Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * 256)));
      const bytes = Buffer.concat([junk, enc(`\n${CREATED}\n`)]);
      const events = parseChunks(randomChunks(bytes, next));
      expect(events.filter((e) => e.kind === 'object').at(-1)).toEqual(obj({ taskid: TASK, status: 'created' }));
    }
  });
});
