import type zh from '../zh-CN/setup';

export default {
  setup: {
    title: 'Server address',
    intro: 'This build has no official 元境 server address built in. Enter the address of the 元境 server to use, or try the app with the local simulator.',
    useServer: 'Connect to a 元境 server',
    useSimulator: 'Demo with the local simulator',
    serverUrl: 'Server address',
    serverUrlPlaceholder: 'https://example.com',
    simulatorUrl: 'Simulator address',
    simulatorHint: 'Start the simulator on this machine first (npm run sim). The test code is always 123456.',
    continue: 'Save and continue',
  },
  url: {
    empty: 'Enter the server address',
    invalid: 'Not a valid address, e.g. https://example.com',
    scheme: 'The address must start with http:// or https://',
    insecure: 'This is a plain http address: your sign-in and API keys travel unencrypted. Use it only on this machine or a trusted network.',
  },
} satisfies typeof zh;
