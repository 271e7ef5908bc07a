/**
 * Authenticator secrets at rest: sealed by the identity vault and bound to their person, readable
 * while still plaintext from before they were sealed, sealed at start-up, and moved to a new key
 * by the rekey.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import { keyRingFrom } from '../../../src/lib/identity-vault';
import { resealTotpSecrets } from '../../../src/modules/auth/totp-secrets';
import { enrolSecondFactor, totpCode } from '../../helpers/credentials';
import { TEST_PASSWORD, createAgency, createUser, signIn } from '../../helpers/fixtures';
import {
  TEST_IDENTITY_KEY,
  testSecrets,
  closeTestApp,
  createTestApp,
  testConfig,
  type TestApp,
} from '../../helpers/test-app';

const NEW_KEY = `test2:${Buffer.alloc(32, 9).toString('base64')}`;

describe('authenticator secrets at rest', () => {
  let t: TestApp;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db)).id;
  });
  afterAll(async () => closeTestApp(t));

  const db = () => t.database.db;
  const stored = (userId: string) =>
    db()
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_secret_key_id'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
  const login = (app: TestApp['app'], email: string, code: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: TEST_PASSWORD, totpCode: code },
    });

  async function enrolled() {
    const user = await createUser(db(), { agencyId });
    const enrolment = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
    return { user, secret: enrolment.secret, codes: enrolment.recoveryCodes };
  }

  it('stores the secret sealed with the current key, never as it was shown', async () => {
    const { user, secret } = await enrolled();
    const row = await stored(user.id);
    expect(row.totp_secret_key_id).toBe('test1');
    expect(row.totp_secret).not.toContain(secret);
    expect(Buffer.from(row.totp_secret!, 'base64').toString('latin1')).not.toContain(secret);
    expect((await login(t.app, user.email, totpCode(secret))).statusCode).toBe(200);
  });

  it('binds a sealed secret to its person: copied onto another account it opens nothing', async () => {
    const one = await enrolled();
    const other = await enrolled();
    const sealed = await stored(one.user.id);
    await db().updateTable('app_user').set(sealed).where('id', '=', other.user.id).execute();
    const res = await login(t.app, other.user.email, totpCode(one.secret));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain(one.secret);
    // A recovery code still lets that person in: it does not need the secret.
    const recovery = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: other.user.email, password: TEST_PASSWORD, recoveryCode: other.codes[0] },
    });
    expect(recovery.statusCode).toBe(200);
  });

  it('reads a secret stored before sealing, and seals it at start-up (audited once)', async () => {
    const { user, secret } = await enrolled();
    await db()
      .updateTable('app_user')
      .set({ totp_secret: secret, totp_secret_key_id: null })
      .where('id', '=', user.id)
      .execute();
    expect((await login(t.app, user.email, totpCode(secret))).statusCode).toBe(200);

    const result = await resealTotpSecrets(db(), keyRingFrom(TEST_IDENTITY_KEY), {
      plaintextOnly: true,
    });
    expect(result).toEqual({ resealed: 1, unreadable: 0 });
    const row = await stored(user.id);
    expect(row.totp_secret_key_id).toBe('test1');
    expect(row.totp_secret).not.toBe(secret);
    expect((await login(t.app, user.email, totpCode(secret))).statusCode).toBe(200);
    const events = await db()
      .selectFrom('audit_event')
      .select(['purpose', 'data_category'])
      .where('action', '=', 'auth.totp_secrets.reseal')
      .execute();
    expect(events).toEqual([
      { purpose: 'sealed with key test1: 1 secrets', data_category: 'authentication' },
    ]);
    // Nothing left to seal: no write, no event.
    expect(
      await resealTotpSecrets(db(), keyRingFrom(TEST_IDENTITY_KEY), { plaintextOnly: true }),
    ).toEqual({ resealed: 0, unreadable: 0 });
  });

  it('moves every secret to a new key with the rekey; the app then signs in with the new key alone', async () => {
    const { user, secret } = await enrolled();
    const result = await resealTotpSecrets(db(), keyRingFrom(NEW_KEY, [TEST_IDENTITY_KEY]));
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    expect((await stored(user.id)).totp_secret_key_id).toBe('test2');

    const rekeyed = await buildApp(testConfig(), {
      database: t.database,
      secrets: { ...testSecrets(), identityKeys: keyRingFrom(NEW_KEY) },
    });
    try {
      expect((await login(rekeyed, user.email, totpCode(secret))).statusCode).toBe(200);
    } finally {
      await rekeyed.close();
    }
  });
});
