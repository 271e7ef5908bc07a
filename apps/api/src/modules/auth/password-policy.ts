/**
 * Refusing a weak new password with reasons the web app can translate: 422 WEAK_PASSWORD with one
 * invalid parameter per reason key (see passwordReasons in @fourfold/shared/credentials).
 */
import type { PasswordReason } from '@fourfold/shared/credentials';
import { AppError } from '../../lib/errors';
import { judgePassword } from './passwords';

export type PasswordOwner = {
  email: string;
  displayName: string;
  agencyName: string | null;
};

/**
 * Words a password must not be built from: the person's e-mail (and its part before the @), name
 * and agency — whole, run together without spaces or dots, and word by word — and the product's
 * own name.
 */
export function personalWords(owner: PasswordOwner): string[] {
  const whole = [
    owner.email,
    owner.email.split('@')[0] ?? '',
    owner.displayName,
    owner.agencyName ?? '',
    'fourfold',
  ];
  const joined = whole.map((text) => text.replace(/[^\p{L}\p{N}]+/gu, ''));
  const words = whole.flatMap((text) => text.split(/[^\p{L}\p{N}]+/u));
  return [...new Set([...whole, ...joined, ...words].map((word) => word.toLowerCase()))].filter(
    (word) => word.length >= 3,
  );
}

export function weakPassword(
  reasons: readonly (PasswordReason | string)[],
  field = 'newPassword',
): AppError {
  return new AppError('WEAK_PASSWORD', 'Choose a stronger password.', {
    invalidParams: reasons.map((message) => ({ in: 'body' as const, path: field, message })),
  });
}

/** Throws WEAK_PASSWORD unless the password is long enough and hard to guess. */
export async function requireAcceptablePassword(
  password: string,
  owner: PasswordOwner,
): Promise<void> {
  const verdict = await judgePassword(password, personalWords(owner));
  if (!verdict.acceptable) throw weakPassword(verdict.reasons);
}
