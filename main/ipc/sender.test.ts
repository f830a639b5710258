import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderPolicy } from './sender';

const root = '/opt/元境 Desktop/resources/app.asar/out/renderer';
const appPage = 'app://bundle/index.html';
const appFile = pathToFileURL(`${root}/index.html`).href;
const packaged: SenderPolicy = { appPageUrl: appPage };
const dev: SenderPolicy = { allowedOrigins: ['http://localhost:5173'] };

describe('isTrustedSender', () => {
  it.each<[string, string | null, boolean, SenderPolicy, boolean]>([
    ['packaged page, top frame', appPage, true, packaged, true],
    ['packaged page with the router hash', `${appPage}#/account/keys`, true, packaged, true],
    ['packaged page with a query', `${appPage}?x=1`, true, packaged, true],
    ['packaged page, but a sub-frame', appPage, false, packaged, false],
    ['another page of the bundle', 'app://bundle/assets/evil.html', true, packaged, false],
    ['another host on the scheme', 'app://evil/index.html', true, packaged, false],
    ['a dot-dot trick (normalised by URL)', 'app://bundle/x/../index.html', true, packaged, true],
    ['an encoded path', 'app://bundle/index%2Ehtml', true, packaged, false],
    ['the renderer as a file', appFile, true, packaged, false],
    ['a file outside the app', 'file:///tmp/index.html', true, packaged, false],
    ['an http page in production', 'http://localhost:5173/', true, packaged, false],
    ['dev server, top frame', 'http://localhost:5173/', true, dev, true],
    ['dev server, deep route', 'http://localhost:5173/#/login', true, dev, true],
    ['dev server, sub-frame', 'http://localhost:5173/', false, dev, false],
    ['dev server, other port', 'http://localhost:5174/', true, dev, false],
    ['dev server, other host name', 'http://127.0.0.1:5173/', true, dev, false],
    ['dev server, https vs http', 'https://localhost:5173/', true, dev, false],
    ['credentials in the URL', 'http://user:pw@localhost:5173/', true, dev, false],
    ['a payment page', 'https://openapi.alipay.com/gateway.do', true, dev, false],
    ['the packaged page in development', appPage, true, dev, false],
    ['about:blank', 'about:blank', true, { ...dev, ...packaged }, false],
    ['data URL', 'data:text/html,<script>1</script>', true, { ...dev, ...packaged }, false],
    ['javascript URL', 'javascript:alert(1)', true, { ...dev, ...packaged }, false],
    ['empty URL (frame gone)', '', true, { ...dev, ...packaged }, false],
    ['null URL (frame gone)', null, true, { ...dev, ...packaged }, false],
    ['unparseable', 'http://[::1', true, dev, false],
    ['no policy at all', appPage, true, {}, false],
  ])('%s', (_name, frameUrl, isMainFrame, policy, expected) => {
    expect(isTrustedSender({ frameUrl, isMainFrame }, policy)).toBe(expected);
  });

  it('never matches an opaque "null" origin, even if configured', () => {
    expect(isTrustedSender({ frameUrl: 'file:///x/index.html', isMainFrame: true }, { allowedOrigins: ['null', 'file:///x/'] })).toBe(false);
  });
});
