import { describe, expect, it } from 'vitest';
import { locateJsonError, parseUsageJson } from './jsonCheck';

describe('pricing usage JSON', () => {
  it('accepts an object', () => {
    expect(parseUsageJson('{"duration": 5, "SR": 1080}')).toEqual({ ok: true, value: { duration: 5, SR: 1080 } });
    expect(parseUsageJson(' {} ')).toEqual({ ok: true, value: {} });
  });

  it('rejects invalid JSON with the line and column of the mistake', () => {
    expect(parseUsageJson('{\n  "duration": 5,\n  "SR": 1080,\n}')).toEqual({
      ok: false,
      problem: { kind: 'syntax', line: 4, column: 1, expected: 'propertyName' },
    });
    expect(parseUsageJson("{'duration': 5}")).toMatchObject({ ok: false, problem: { kind: 'syntax', line: 1, column: 2 } });
    expect(parseUsageJson('{"a": 1 "b": 2}')).toMatchObject({ ok: false, problem: { kind: 'syntax', line: 1, column: 9, expected: 'commaOrBrace' } });
    expect(parseUsageJson('{"a": 1} x')).toMatchObject({ ok: false, problem: { kind: 'syntax', column: 10, expected: 'end' } });
  });

  it('rejects arrays, scalars, null and empty input', () => {
    expect(parseUsageJson('[{"duration": 5}]')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'array' } });
    expect(parseUsageJson('5')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'number' } });
    expect(parseUsageJson('"text"')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'string' } });
    expect(parseUsageJson('true')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'boolean' } });
    expect(parseUsageJson('null')).toEqual({ ok: false, problem: { kind: 'notObject', found: 'null' } });
    expect(parseUsageJson('   ')).toEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = ['{"a":[1,2.5e-3,-0,true,false,null,{"b":"\\u00e9\\n"}]}', '{"a":01}', '{"a":"\\x"}', '{"a":.5}', '{"a":"tab\there"}', '{"a":1,}', '[1,]', '{"a":"é"}'];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect(locateJsonError(sample) === null, sample).toBe(valid);
    }
  });
});
