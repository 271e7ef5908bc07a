/**
 * The rules a new password must meet: 12 characters or more, no composition rules, and not common
 * or guessable as judged by zxcvbn with its common, English and French dictionaries. (Hashing is
 * in lib/password-hashing.ts.)
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as french from '@zxcvbn-ts/language-fr';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * The estimator answers with message keys instead of English sentences (each key maps to itself),
 * so that the web client can show the reason in the person's language.
 */
const keysOnly = <T extends Record<string, unknown>>(messages: T) =>
  Object.fromEntries(Object.keys(messages).map((key) => [key, key])) as { [K in keyof T]: string };

let estimator: ZxcvbnFactory | undefined;
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...french.dictionary },
    graphs: common.adjacencyGraphs,
    translations: {
      warnings: keysOnly(english.translations.warnings),
      suggestions: keysOnly(english.translations.suggestions),
      timeEstimation: english.translations.timeEstimation,
    },
  });
  return estimator;
}

/**
 * Why a new password is refused, as message keys for the person's language: `password.too_short`,
 * `password.too_long`, `password.guessable`, and zxcvbn's own `password.warning.<key>` and
 * `password.suggestion.<key>` where it has them.
 */
export type PasswordVerdict = { acceptable: true } | { acceptable: false; reasons: string[] };

/**
 * Judges a new password. `context` holds words the person's own details could give away (their
 * e-mail, name, agency) so that a password built from them is refused too.
 */
export async function judgePassword(
  password: string,
  context: string[] = [],
): Promise<PasswordVerdict> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return { acceptable: false, reasons: ['password.too_short'] };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { acceptable: false, reasons: ['password.too_long'] };
  }
  const result = await getEstimator().checkAsync(password, context);
  // Score 3: "safely unguessable: moderate protection from offline slow-hash scenario".
  if (result.score >= 3) return { acceptable: true };
  const { warning, suggestions } = result.feedback;
  return {
    acceptable: false,
    reasons: [
      'password.guessable',
      ...(warning ? [`password.warning.${warning}`] : []),
      ...suggestions.map((key) => `password.suggestion.${key}`),
    ],
  };
}
