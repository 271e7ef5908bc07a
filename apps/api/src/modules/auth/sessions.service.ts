/**
 * What other modules may ask of sessions: ending all of a person's sessions (deactivation). The
 * refresh-token storage stays the auth module's own.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { revokeAllRefreshTokensOf } from './auth.repository';

/** No refresh token of the person works any more; pair with a session-epoch bump. */
export function revokeAllSessionsOf(trx: Transaction<DB>, userId: string): Promise<void> {
  return revokeAllRefreshTokensOf(trx, userId);
}
