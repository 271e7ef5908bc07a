/**
 * Two-step verification with time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 seconds,
 * the defaults every authenticator app understands) and one-time recovery codes. Sign-in in
 * auth.service.ts checks codes with the same defaults.
 */
import { randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { RECOVERY_CODE_COUNT } from '@fourfold/shared/credentials';
import { hashToken } from '../../lib/secure-tokens';

const ISSUER = 'Fourfold';
/** Letters and digits that cannot be mistaken for each other when read or typed (no i, l, o, 0, 1). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 12 characters of 31: about 59 bits, with sign-in attempts limited by the account lockout. */
const RECOVERY_CODE_LENGTH = 12;

/** A new random secret of 20 bytes (160 bits, as RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri(secret: string, accountLabel: string): string {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label: accountLabel,
    secret: OTPAuth.Secret.fromBase32(secret),
  }).toString();
}

/** Whether a code is valid now, allowing one period either side for a clock that drifts. */
export function totpCodeValid(secret: string, code: string): boolean {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  return totp.validate({ token: code.trim(), window: 1 }) !== null;
}

/**
 * New recovery codes, and the form in which they are stored: the hash of the code lower-cased,
 * as sign-in compares them.
 */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from(
      { length: RECOVERY_CODE_LENGTH },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join(''),
  );
  return { codes, hashes: codes.map((code) => recoveryCodeHash(code)) };
}

export function recoveryCodeHash(code: string): string {
  return hashToken(code.trim().toLowerCase());
}
