import type zh from '../zh-CN/common';

export default {
  common: {
    appName: '元境 Desktop',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved',
    cancel: 'Cancel',
    back: 'Back',
    loading: 'Loading…',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name}',
    backToLogin: 'Back to sign-in',
  },
  nav: {
    label: 'Main navigation',
    overview: 'Overview',
    orders: 'Orders',
    keys: 'API Keys',
    pricing: 'Pricing test',
    settings: 'Settings',
  },
} satisfies typeof zh;
