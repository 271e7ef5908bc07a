/**
 * Random bearer secrets (refresh tokens, one-time links, recovery codes) and their stored form.
 * Only a SHA-256 of a secret is kept: the secrets have 256 bits of entropy, so a fast hash is
 * enough, and a stolen table yields nothing usable.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A keyed digest: the same input always maps to the same value, unguessable without the key. */
export function keyedDigest(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
