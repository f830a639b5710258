import type { LoginOutcome, SessionState, User } from '../models';
import type { Route } from './route';

/** Phone + SMS sign-in. The SMS key and code never leave main. */
export interface AuthRoutes {
  'auth.state': Route<void, SessionState>;
  /** Asks the platform to send an SMS code; the key stays in main. */
  'auth.sendCode': Route<{ phone: string }, { notice?: string; resendAfterSeconds: number }>;
  'auth.login': Route<{ phone: string; code: string }, LoginOutcome>;
  /** After a `choose` outcome: re-posts the pending login with `selected_id`. */
  'auth.choose': Route<{ accountId: string }, { kind: 'signedIn'; user: User }>;
  'auth.cancelChoose': Route<void, null>;
  'auth.logout': Route<void, null>;
}
