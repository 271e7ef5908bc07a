import * as english from '@zxcvbn-ts/language-en';
import { describe, expect, it } from 'vitest';
import {
  isPasswordReason,
  passwordSuggestionKeys,
  passwordWarningKeys,
} from '@fourfold/shared/credentials';
import { personalWords } from '../../../src/modules/auth/password-policy';
import { judgePassword } from '../../../src/modules/auth/passwords';

describe('password refusal reasons', () => {
  // The web app translates every key of the shared list; a zxcvbn upgrade that adds a key must
  // add it there (and so to both catalogues) too.
  it('lists exactly zxcvbn’s warning and suggestion keys', () => {
    expect([...passwordWarningKeys].sort()).toEqual(
      Object.keys(english.translations.warnings).sort(),
    );
    expect([...passwordSuggestionKeys].sort()).toEqual(
      Object.keys(english.translations.suggestions).sort(),
    );
  });

  it.each([
    'abcdefghijk',
    'password1234',
    'qwertyuiopasdf',
    'aaaaaaaaaaaaaaaa',
    'abcabcabcabcabc',
    'Riverside2026!',
    'jennifer1985',
    'policeservice',
  ])('gives only listed reasons for %s', async (password) => {
    const verdict = await judgePassword(
      password,
      personalWords({
        email: 'pat@riverside.example',
        displayName: 'Pat Police',
        agencyName: 'Riverside Police Service',
      }),
    );
    expect(verdict.acceptable).toBe(false);
    if (verdict.acceptable) return;
    for (const reason of verdict.reasons) expect(isPasswordReason(reason), reason).toBe(true);
  });

  it('derives the words a password must not be built from', () => {
    const words = personalWords({
      email: 'morgan.tremblay@lakeshore.example',
      displayName: 'Morgan Tremblay',
      agencyName: 'Lakeshore Housing',
    });
    expect(words).toEqual(
      expect.arrayContaining(['morgan', 'tremblay', 'morgantremblay', 'lakeshore', 'housing']),
    );
    expect(words.every((word) => word.length >= 3 && word === word.toLowerCase())).toBe(true);
  });
});
