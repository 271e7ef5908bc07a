/**
 * Seals identity and intervention notes with AES-256-GCM before they reach the database. Each
 * sealed value is stored with the id of the key that sealed it, so keys rotate: the current key
 * seals, earlier keys still open, and `pnpm identity:rekey` re-seals everything with the current
 * key. The additional authenticated data binds a value to its row and purpose, so a sealed value
 * copied onto another situation does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export type IdentityKeyRing = { currentKeyId: string; keys: ReadonlyMap<string, Buffer> };

export type Sealed = { keyId: string; sealed: string };

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class IdentityKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityKeyError';
  }
}

/** Parses `<keyId>:<base64>` specs (config IDENTITY_KEY and IDENTITY_PREVIOUS_KEYS). */
export function keyRingFrom(current: string, previous: readonly string[] = []): IdentityKeyRing {
  const keys = new Map<string, Buffer>();
  let currentKeyId = '';
  for (const [index, spec] of [current, ...previous].entries()) {
    const separator = spec.indexOf(':');
    const id = spec.slice(0, separator);
    const key = Buffer.from(spec.slice(separator + 1), 'base64');
    if (separator < 1 || key.length !== 32) {
      throw new IdentityKeyError('An identity key must be <keyId>:<base64 of 32 bytes>.');
    }
    if (keys.has(id)) throw new IdentityKeyError(`The identity key id ${id} is used twice.`);
    keys.set(id, key);
    if (index === 0) currentKeyId = id;
  }
  return { currentKeyId, keys };
}

export type IdentityVault = ReturnType<typeof createIdentityVault>;

export function createIdentityVault(ring: IdentityKeyRing) {
  const current = ring.keys.get(ring.currentKeyId)!;
  return {
    currentKeyId: ring.currentKeyId,

    seal(plaintext: string, context: string): Sealed {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        keyId: ring.currentKeyId,
        sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
      };
    },

    open({ keyId, sealed }: Sealed, context: string): string {
      const key = ring.keys.get(keyId);
      if (!key) throw new IdentityKeyError(`No identity key with id ${keyId} is configured.`);
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },

    sealJson(value: unknown, context: string): Sealed {
      return this.seal(JSON.stringify(value), context);
    },

    openJson<T>(sealed: Sealed, context: string): T {
      return JSON.parse(this.open(sealed, context)) as T;
    },
  };
}

/** The authenticated context of each kind of sealed value. */
export const sealContext = {
  identity: (situationId: string) => `situation-identity:${situationId}`,
  note: (situationId: string, noteId: string) => `intervention-note:${situationId}:${noteId}`,
  totpSecret: (userId: string) => `totp-secret:${userId}`,
};
