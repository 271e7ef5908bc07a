/**
 * Sign-in that slows guessing without letting anyone lock a person out (OWASP, "Slow down online
 * guessing attacks with device cookies").
 *
 * A browser that signed in successfully holds a device cookie: a random device id and an HMAC
 * binding it to the account (the keyed digest of the e-mail). An attempt that presents a valid,
 * unblocked device cookie for the account is *trusted*: its failures count against that device
 * alone, so an attacker elsewhere can never lock it out. Any other attempt is *untrusted* and
 * counts against three budgets at once: the account (every untrusted client), the pair (client
 * address, account), and the client address (across accounts, generous: a shared office or a
 * proxy). A device whose own budget is spent falls back to the untrusted budgets, as OWASP
 * prescribes, so a stolen device cookie buys nothing once blocked.
 *
 * Each budget gives a number of free failures within the window; after that each failure makes
 * the next attempt wait `base × 2^(failures − free)`, capped. Attempts refused while waiting are
 * not failures (they never reach the password), so hammering does not extend a wait, and no wait
 * is ever longer than the cap. Counting lives in the database (login_attempt), so every API
 * process sees the same budgets.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { keyedDigest } from '../../lib/secure-tokens';

export type Budget = Readonly<{ freeFailures: number; baseSeconds: number; capSeconds: number }>;

/** Failures older than this are forgotten by every budget. */
export const WINDOW_MINUTES = 60;

export const BUDGETS = {
  /** One trusted browser of the account. */
  device: { freeFailures: 10, baseSeconds: 60, capSeconds: 15 * 60 },
  /** Every untrusted client of the account together (a distributed attack on one person). */
  account: { freeFailures: 10, baseSeconds: 60, capSeconds: 15 * 60 },
  /** One untrusted address against one account: slows a single source early. */
  accountAddress: { freeFailures: 5, baseSeconds: 2, capSeconds: 15 * 60 },
  /** One untrusted address across accounts (credential stuffing); generous for shared offices. */
  address: { freeFailures: 100, baseSeconds: 60, capSeconds: 15 * 60 },
} as const satisfies Record<string, Budget>;

/** How long the attempt after `failures` failures must wait: 0 while failures are free. */
export function waitSeconds(budget: Budget, failures: number): number {
  const over = failures - budget.freeFailures;
  if (over < 0) return 0;
  return Math.min(budget.capSeconds, budget.baseSeconds * 2 ** Math.min(over, 30));
}

/** When the budget allows the next attempt, or null when it allows one now. */
export function blockedUntil(
  budget: Budget,
  failures: number,
  newest: Date | null,
  now = new Date(),
): Date | null {
  const wait = waitSeconds(budget, failures);
  if (wait === 0 || !newest) return null;
  const until = new Date(newest.getTime() + wait * 1000);
  return until > now ? until : null;
}

/** The answer to an attempt that must wait, with how long (Retry-After, seconds). */
export function tooManyAttempts(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'ACCOUNT_LOCKED',
    `Too many failed attempts from this browser or for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { headers: { 'retry-after': String(seconds) } },
  );
}

// ---------------------------------------------------------------------------------------------
// Device cookies

const DEVICE_COOKIE_PREFIX = 'ff_device_';
export const DEVICE_COOKIE_DAYS = 180;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One cookie per account, so that a browser shared by colleagues stays trusted for each of them.
 * The name carries a prefix of the account's keyed digest: it names no one.
 */
export function deviceCookieName(accountDigest: string): string {
  return `${DEVICE_COOKIE_PREFIX}${accountDigest.slice(0, 16)}`;
}

export type DeviceCookie = { name: string; value: string; deviceId: string };

export function createDeviceCookies(tokenSecret: string) {
  const mac = (accountDigest: string, deviceId: string) =>
    keyedDigest(tokenSecret, `device:${accountDigest}:${deviceId}`);
  return {
    /** A new device id for the account, as the cookie to set. */
    issue(accountDigest: string): DeviceCookie {
      const deviceId = randomUUID();
      return {
        name: deviceCookieName(accountDigest),
        value: `${deviceId}.${mac(accountDigest, deviceId)}`,
        deviceId,
      };
    },
    /** The device id of a genuine cookie for this account, or null (absent, forged, another's). */
    verify(accountDigest: string, cookies: Record<string, string | undefined>): string | null {
      const value = cookies[deviceCookieName(accountDigest)];
      if (!value) return null;
      const [deviceId, presented, ...rest] = value.split('.');
      if (rest.length > 0 || !deviceId || !presented || !UUID.test(deviceId)) return null;
      const expected = Buffer.from(mac(accountDigest, deviceId));
      const given = Buffer.from(presented);
      return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
    },
  };
}

export type DeviceCookies = ReturnType<typeof createDeviceCookies>;

// ---------------------------------------------------------------------------------------------
// Assessing an attempt

export type Assessment = {
  /** The trusted device the attempt counts against, or null: it counts as untrusted. */
  deviceId: string | null;
  /** Set when the attempt must wait: refuse it without looking at the password. */
  blockedUntil: Date | null;
};

type Counts = {
  device_failures: string;
  device_newest: Date | null;
  account_failures: string;
  account_newest: Date | null;
  pair_failures: string;
  pair_newest: Date | null;
  address_failures: string;
  address_newest: Date | null;
};

/**
 * Decides how an attempt counts and whether it must wait, from the failures of the last
 * WINDOW_MINUTES in one query.
 */
export async function assessAttempt(
  db: Kysely<DB>,
  key: { accountDigest: string; clientAddress: string; deviceId: string | null },
): Promise<Assessment> {
  const { accountDigest, clientAddress, deviceId } = key;
  const result = await sql<Counts>`
    select
      count(*) filter (where device_id = ${deviceId}::uuid and email_digest = ${accountDigest})
        as device_failures,
      max(attempted_at) filter (where device_id = ${deviceId}::uuid
        and email_digest = ${accountDigest}) as device_newest,
      count(*) filter (where device_id is null and email_digest = ${accountDigest})
        as account_failures,
      max(attempted_at) filter (where device_id is null and email_digest = ${accountDigest})
        as account_newest,
      count(*) filter (where device_id is null and email_digest = ${accountDigest}
        and client_address = ${clientAddress}) as pair_failures,
      max(attempted_at) filter (where device_id is null and email_digest = ${accountDigest}
        and client_address = ${clientAddress}) as pair_newest,
      count(*) filter (where device_id is null and client_address = ${clientAddress})
        as address_failures,
      max(attempted_at) filter (where device_id is null and client_address = ${clientAddress})
        as address_newest
    from login_attempt
    where not succeeded
      and attempted_at > now() - make_interval(mins => ${WINDOW_MINUTES})
      and (email_digest = ${accountDigest} or client_address = ${clientAddress})`.execute(db);
  const row = result.rows[0]!;
  const at = (value: Date | string | null) => (value ? new Date(value) : null);

  if (deviceId) {
    const deviceBlocked = blockedUntil(
      BUDGETS.device,
      Number(row.device_failures),
      at(row.device_newest),
    );
    if (!deviceBlocked) return { deviceId, blockedUntil: null };
  }
  const untrusted = [
    blockedUntil(BUDGETS.account, Number(row.account_failures), at(row.account_newest)),
    blockedUntil(BUDGETS.accountAddress, Number(row.pair_failures), at(row.pair_newest)),
    blockedUntil(BUDGETS.address, Number(row.address_failures), at(row.address_newest)),
  ].filter((until): until is Date => until !== null);
  const latest = untrusted.length
    ? new Date(Math.max(...untrusted.map((until) => until.getTime())))
    : null;
  return { deviceId: null, blockedUntil: latest };
}
