import { describe, expect, it } from 'vitest';
import { curlExample, endpointUrl, shellQuote } from './curlExample';

describe('curl example', () => {
  it('calls the configured server with the key as a Bearer token', () => {
    const curl = curlExample('https://yj.example.com/api/', 'ak_TEST');
    expect(curl).toContain("curl -X POST 'https://yj.example.com/api/llmage/vidu_inference.dspy'");
    expect(curl).toContain("-H 'Authorization: Bearer ak_TEST'");
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(curl).toMatch(/-d '\{"llmid":.*"llmcatelogid":"t2v".*\}'$/);
  });

  it('quotes for the shell and falls back to a placeholder server', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(endpointUrl(null)).toBe('https://<服务器地址>/llmage/vidu_inference.dspy');
  });
});
