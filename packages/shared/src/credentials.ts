/**
 * Changing one's own credentials — two-step verification (TOTP), the password, and the one-time
 * invitation and reset links an administrator issues — and the reasons a new password is refused:
 * the contract between web and API.
 */
import { z } from 'zod';
import { text } from './input';
import { sessionResponseSchema } from './auth';

/** Any password as typed, checked against the stored hash (never judged for strength here). */
export const currentPasswordSchema = text().min(1).max(1024);

/**
 * A new password as typed. Its length and strength are judged by the API, which answers 422
 * WEAK_PASSWORD with the reasons below, so the schema only bounds the size.
 */
export const newPasswordSchema = text().min(1).max(1024);

/** Six digits from an authenticator app. */
export const totpCodeSchema = text()
  .trim()
  .regex(/^\d{6}$/);

/** Six digits from the authenticator app, or one of the one-time recovery codes. */
export const secondFactorCodeSchema = text().trim().min(6).max(64);

export const RECOVERY_CODE_COUNT = 10;

// Two-step verification ---------------------------------------------------------------------------

export const secondFactorSetupRequestSchema = z
  .object({ password: currentPasswordSchema })
  .meta({ id: 'SecondFactorSetupRequest' });
export type SecondFactorSetupRequest = z.infer<typeof secondFactorSetupRequestSchema>;

export const secondFactorSetupResponseSchema = z
  .object({
    /** otpauth://totp/… for a QR code. */
    otpauthUri: text(),
    /** The same secret in base32, for typing into the app by hand. */
    secret: text(),
  })
  .meta({ id: 'SecondFactorSetup' });
export type SecondFactorSetupResponse = z.infer<typeof secondFactorSetupResponseSchema>;

export const secondFactorConfirmRequestSchema = z
  .object({ code: totpCodeSchema })
  .meta({ id: 'SecondFactorConfirmRequest' });
export type SecondFactorConfirmRequest = z.infer<typeof secondFactorConfirmRequestSchema>;

/** The recovery codes, shown this once: only their hashes are kept. */
export const recoveryCodesSchema = z.array(text()).length(RECOVERY_CODE_COUNT);

export const secondFactorConfirmResponseSchema = z
  .object({
    /** A fresh session for this browser that counts as having passed the second factor. */
    session: sessionResponseSchema,
    recoveryCodes: recoveryCodesSchema,
  })
  .meta({ id: 'SecondFactorEnabled' });
export type SecondFactorConfirmResponse = z.infer<typeof secondFactorConfirmResponseSchema>;

/** Turning two-step verification off, or replacing the recovery codes: password and a code. */
export const secondFactorProofSchema = z
  .object({ password: currentPasswordSchema, code: secondFactorCodeSchema })
  .meta({ id: 'SecondFactorProof' });
export type SecondFactorProof = z.infer<typeof secondFactorProofSchema>;

export const recoveryCodesResponseSchema = z
  .object({ recoveryCodes: recoveryCodesSchema })
  .meta({ id: 'RecoveryCodes' });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

// Password ----------------------------------------------------------------------------------------

export const passwordChangeRequestSchema = z
  .object({ currentPassword: currentPasswordSchema, newPassword: newPasswordSchema })
  .meta({ id: 'PasswordChangeRequest' });
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;

// One-time links ----------------------------------------------------------------------------------

export const linkPurposes = ['invite', 'reset'] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

/** The random token of a link (base64url of 32 bytes); it travels in request bodies only. */
export const linkTokenSchema = text().min(16).max(256);

export const linkInspectRequestSchema = z
  .object({ token: linkTokenSchema })
  .meta({ id: 'LinkInspectRequest' });
export type LinkInspectRequest = z.infer<typeof linkInspectRequestSchema>;

export const linkInspectResponseSchema = z
  .object({
    purpose: z.enum(linkPurposes),
    email: text(),
    displayName: text(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'LinkDetails' });
export type LinkInspectResponse = z.infer<typeof linkInspectResponseSchema>;

export const linkCompleteRequestSchema = z
  .object({ token: linkTokenSchema, newPassword: newPasswordSchema })
  .meta({ id: 'LinkCompleteRequest' });
export type LinkCompleteRequest = z.infer<typeof linkCompleteRequestSchema>;

// Why a new password is refused -------------------------------------------------------------------

/** zxcvbn's warning keys (@zxcvbn-ts/language-en translations.warnings). */
export const passwordWarningKeys = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const;

/** zxcvbn's suggestion keys (@zxcvbn-ts/language-en translations.suggestions). */
export const passwordSuggestionKeys = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'pwned',
] as const;

export type PasswordReason =
  | 'password.too_short'
  | 'password.too_long'
  | 'password.guessable'
  | 'password.unchanged'
  | `password.warning.${(typeof passwordWarningKeys)[number]}`
  | `password.suggestion.${(typeof passwordSuggestionKeys)[number]}`;

/**
 * Every reason the API can give for refusing a new password (the `message` of each invalidParam
 * of a WEAK_PASSWORD problem). The web app has a translation for each.
 */
export const passwordReasons: readonly PasswordReason[] = [
  'password.too_short',
  'password.too_long',
  'password.guessable',
  'password.unchanged',
  ...passwordWarningKeys.map((key) => `password.warning.${key}` as const),
  ...passwordSuggestionKeys.map((key) => `password.suggestion.${key}` as const),
];

export function isPasswordReason(value: string): value is PasswordReason {
  return (passwordReasons as readonly string[]).includes(value);
}
