/** How the desktop app reaches the platform through an office network: proxy choice and the result of 测试连接. */

/** 'system': the OS settings (and PAC); 'none': always direct; 'custom': the proxy below. */
export type ProxyMode = 'system' | 'none' | 'custom';

/** Non-secret proxy settings. The password never sits here: it is kept by main, encrypted (`network.setProxyPassword`). */
export interface ProxySettings {
  mode: ProxyMode;
  /** `http://host:port`, `https://host:port` or `socks5://host:port`, optionally with a user name (`http://user@host:port`); '' unless custom. */
  url: string;
  /** Hosts that never use the custom proxy, separated by commas, semicolons or blanks: `localhost, .corp.example, 10.0.0.1, <local>`. */
  bypass: string;
}

/** What went wrong in a connection test, from the first hop outwards. */
export type NetworkFailureKind = 'proxy_refused' | 'proxy_auth' | 'dns' | 'tls' | 'unreachable' | 'timeout' | 'not_configured';

export type NetworkTestResult =
  | {
      ok: true;
      latencyMs: number;
      /** The route taken, PAC-style: 'DIRECT', 'PROXY host:port', 'SOCKS5 host:port' (never with credentials). */
      via: string;
    }
  | { ok: false; kind: NetworkFailureKind; via: string; message: string };

export interface ProxyPasswordState {
  /** A password is stored (its value never leaves main). */
  saved: boolean;
  /** 'encrypted' when the OS keychain protects it; 'memory' when it lasts only until quit; 'dev-file' in the browser host. */
  storage: 'encrypted' | 'memory' | 'dev-file';
}
