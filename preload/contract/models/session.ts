/** Who is signed in, and the answers of a phone login. */

export interface User {
  id: string; // '' when unknown (empty-body login variant, platform-api.md §3.2 c)
  username: string;
  orgid: string;
  /** nick_name, else username. */
  displayName: string;
  mobile?: string;
}

export interface AccountChoice {
  id: string;
  username: string;
  nickName?: string;
}

export type LoginOutcome =
  | { kind: 'signedIn'; user: User }
  | { kind: 'choose'; accounts: AccountChoice[] };

export interface SessionState {
  user: User | null;
  /** Last phone number used to sign in, to pre-fill the form after an expiry. */
  lastPhone?: string;
}
