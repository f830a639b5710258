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
  /** http:// to a non-loopback host: the cookie and keys travel in clear text. */
  insecureServer: boolean;
  /** How the session survives a restart. */
  sessionPersistence: 'encrypted' | 'memory' | 'dev-file';
}
