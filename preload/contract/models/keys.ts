/** Downstream apps and their API keys. */

export interface DownApp {
  id: string;
  appName: string;
  apiKeyId?: string;
}

export interface ApiKeyDetail {
  appId: string;
  appName: string;
  apiKey: string;
  secretKey?: string;
  allowedIps?: string;
}
