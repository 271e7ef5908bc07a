/**
 * The two building blocks of every request schema (and of the answers, so one rule holds both ways):
 *
 * - `idSchema`: every identifier. A UUID in any letter case, given back in its one canonical form
 *   (lower case). PostgreSQL reads `3F25…` and `3f25…` as the same uuid, but a string taken from a
 *   URL is not: sealing identity against the capitalised string made the value unreadable through
 *   the canonical one. Parsing canonicalises, so nothing downstream ever sees another form.
 * - `text()`: every free string. It refuses U+0000 (PostgreSQL cannot store it in text: a NUL used
 *   to reach the database and fail there) and unpaired UTF-16 surrogates (not Unicode text; the
 *   driver would silently replace them). Chain the usual checks after it: `text().trim().max(200)`.
 *
 * Both are plain checks (a pattern and an overwrite), so they also appear in the OpenAPI document.
 * A lint rule (eslint.config.js) keeps `z.string()` and `z.uuid()` out of the shared schemas and
 * the API, so a new schema cannot forget them.
 */
import { z } from 'zod';

/** No NUL and no lone surrogate: with the `u` flag a paired surrogate is one code point, not Cs. */
// eslint-disable-next-line no-control-regex -- refusing U+0000 is the point
export const SAFE_TEXT_PATTERN = /^[^\u0000\p{Cs}]*$/u;
export const SAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';

/** True when a string could not be stored as text as it is (NUL) or is not valid Unicode. */
export function hasUnsafeCharacters(value: string): boolean {
  return !SAFE_TEXT_PATTERN.test(value);
}

/** A string schema that refuses NUL and unpaired surrogates; the only way to start one. */
// eslint-disable-next-line no-restricted-syntax -- the one place a bare string schema is made
export const text = () => z.string().regex(SAFE_TEXT_PATTERN, { message: SAFE_TEXT_MESSAGE });

/** An identifier: a UUID in any case, always given back in lower case. */
// eslint-disable-next-line no-restricted-syntax -- the one place a uuid schema is made
export const idSchema = z.uuid({ message: 'must be an identifier (UUID)' }).toLowerCase();

/** The largest value of a PostgreSQL integer: the bound of every number a request may carry. */
export const INT32_MAX = 2_147_483_647;
