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
  plainHttp: {
    title: 'Use an unencrypted http connection?',
    risk: 'This is a plain http address: the session cookie and the SMS code travel unencrypted, and anyone on the network can read or change them.',
    advice: 'Continue only on a network you trust (for example a test server on your company network). The address (scheme, host and port) is remembered; you can revoke it in Settings at any time.',
    confirm: 'I understand the risk, continue',
    cancel: 'Cancel',
    listTitle: 'Confirmed http addresses',
    listEmpty: 'No http address has been confirmed.',
    revoke: 'Revoke',
    inUse: 'The server in use, {origin}, is a plain http address that has not been confirmed: the app sends it nothing.',
    confirmInUse: 'Confirm this address…',
  },
} satisfies typeof zh;
