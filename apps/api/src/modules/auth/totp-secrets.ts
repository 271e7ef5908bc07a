/**
 * The secrets of people's authenticator apps, sealed at rest by the identity vault (bound to the
 * person: a sealed secret copied onto another account does not open). Everything that stores or
 * checks a secret goes through here, so there is one way to read one: sealed, or — only for a
 * secret stored before migration 0008 and not yet sealed — as it is.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  createIdentityVault,
  sealContext,
  type IdentityKeyRing,
  type IdentityVault,
} from '../../lib/identity-vault';
import { recordAudit } from '../audit/audit.service';
import * as repo from './credentials.repository';

/** The two columns of app_user that hold a secret. */
export type StoredTotpSecret = { totp_secret: string | null; totp_secret_key_id: string | null };

export type TotpSecrets = ReturnType<typeof createTotpSecrets>;

export function createTotpSecrets(vault: IdentityVault) {
  return {
    seal(userId: string, secret: string): { sealed: string; keyId: string } {
      const sealed = vault.seal(secret, sealContext.totpSecret(userId));
      return { sealed: sealed.sealed, keyId: sealed.keyId };
    },

    /** The person's secret in clear, or null when they have none. */
    open(userId: string, stored: StoredTotpSecret): string | null {
      if (stored.totp_secret === null) return null;
      if (stored.totp_secret_key_id === null) return stored.totp_secret;
      return vault.open(
        { keyId: stored.totp_secret_key_id, sealed: stored.totp_secret },
        sealContext.totpSecret(userId),
      );
    },
  };
}

export type TotpResealResult = { resealed: number; unreadable: number };

/**
 * Seals again, with the current key, every secret not sealed with it: still plaintext (from
 * before migration 0008), or sealed with an earlier key. `plaintextOnly` limits it to the first
 * kind, which the API does at start-up. A secret no configured key opens is counted and left.
 */
export async function resealTotpSecrets(
  db: Kysely<DB>,
  ring: IdentityKeyRing,
  { plaintextOnly = false }: { plaintextOnly?: boolean } = {},
): Promise<TotpResealResult> {
  const secrets = createTotpSecrets(createIdentityVault(ring));
  const result: TotpResealResult = { resealed: 0, unreadable: 0 };
  await db.transaction().execute(async (trx) => {
    const rows = await repo.lockTotpSecretsToReseal(trx, ring.currentKeyId, plaintextOnly);
    for (const row of rows) {
      let secret: string | null;
      try {
        secret = secrets.open(row.id, row);
      } catch {
        result.unreadable += 1;
        continue;
      }
      if (secret === null) continue;
      const sealed = secrets.seal(row.id, secret);
      await repo.storeSealedTotpSecret(trx, row.id, row.totp_secret!, sealed);
      result.resealed += 1;
    }
    if (result.resealed + result.unreadable === 0) return;
    await recordAudit(trx, {
      action: 'auth.totp_secrets.reseal',
      dataCategory: 'authentication',
      outcome: 'allowed',
      purpose:
        `sealed with key ${ring.currentKeyId}: ${result.resealed} secrets` +
        (result.unreadable > 0 ? `, ${result.unreadable} unreadable` : ''),
    });
  });
  return result;
}
