/**
 * Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 iterations, 1 lane). In lib, not in
 * the auth module, because the demo data and the test fixtures hash passwords too; what a new
 * password must be is the auth module's (`modules/auth/passwords.ts`).
 */
import { hash, verify } from '@node-rs/argon2';

const ARGON2_OPTIONS = {
  // Algorithm.Argon2id; the const enum cannot be imported under verbatimModuleSyntax.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the e-mail is unknown, so that an unknown
 * account costs the same time as a wrong password.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`unknown-account-${Math.random()}`);
  return dummyHash;
}
