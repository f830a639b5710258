/** The gate of every account-bound route: the platform would answer 401, main answers first. */
import { AppError } from '../../lib/errors';

export interface SignedIn {
  isSignedIn(): boolean;
}

export function requireSignIn(session: SignedIn): void {
  if (!session.isSignedIn()) throw new AppError('unauthorized', '请先登录 / Please sign in first');
}
