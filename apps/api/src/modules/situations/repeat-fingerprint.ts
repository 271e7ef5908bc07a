/**
 * The fingerprint of a person for repeat detection: a keyed hash (HMAC-SHA256 with REPEAT_KEY) of
 * their normalised given and family names and date of birth. Keyed, so that nobody with the
 * database alone can test a guessed name; normalised, so that accents, case, punctuation and
 * spacing typed differently by two agencies still match. A person without a date of birth gives
 * no fingerprint: a name alone matches too many different people.
 */
import { createHmac } from 'node:crypto';
import type { Identity } from '@fourfold/shared/situations';

/** Letters NFKD does not decompose but people type both ways. */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd' };

/**
 * "  Zéphyrine-Anne  O’Brien " → "zephyrine anne obrien": accents and case dropped, apostrophes
 * (inside a word) removed, any other run of non-letters and non-digits one space.
 */
export function normaliseNamePart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđ]/gu, (letter) => FOLDED[letter] ?? letter)
    .replace(/['’ʼ`´]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The distinct fingerprints (hex) of an identity's people who have names and a date of birth. */
export function fingerprintsOf(key: Buffer, people: Identity['people']): string[] {
  const prints = new Set<string>();
  for (const person of people) {
    if (!person.dateOfBirth) continue;
    const given = normaliseNamePart(person.givenName);
    const family = normaliseNamePart(person.familyName);
    // A name of punctuation only normalises to nothing: too weak to match anyone on.
    if (given === '' || family === '') continue;
    prints.add(
      createHmac('sha256', key)
        .update(`${given}\u0000${family}\u0000${person.dateOfBirth}`, 'utf8')
        .digest('hex'),
    );
  }
  return [...prints];
}
