/** What the renderer knows about this build and the server in use. */

export interface AppInfo {
  version: string;
  runtime: 'electron' | 'browser-host';
  /** The build-time official address, null while unknown. */
  officialServerUrl: string | null;
  /** The address in use now, null when none is configured (first start). */
  serverUrl: string | null;
  /** Where serverUrl comes from. */
  serverSource: 'env' | 'settings' | 'build' | 'none';
  /** With serverSource 'env': true when the address came from the browser host's `--server`, not YUANJING_SERVER. */
  serverFromCommandLine?: boolean;
  /** http:// to a non-loopback host: the cookie and keys travel in clear text. */
  insecureServer: boolean;
  /** How the session survives a restart. */
  sessionPersistence: 'encrypted' | 'memory' | 'dev-file';
}

/**
 * Plain http to addresses other than this machine (a packaged build asks first): whether the
 * rule applies in this build, and the addresses (`http://host:port`) the user confirmed.
 */
export interface PlainHttpState {
  enforced: boolean;
  confirmed: string[];
  /** The address in use, when requests to it are refused until confirmed (e.g. saved by an older version); else null. */
  unconfirmedInUse: string | null;
}
