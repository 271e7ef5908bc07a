/**
 * The two building blocks of every schema: idSchema canonicalises identifiers, text() refuses
 * what PostgreSQL cannot store or is not Unicode. Property tests over generated strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters, idSchema, text } from '../src/input';

const seed = 20261130;

describe('idSchema', () => {
  it('accepts a UUID in any letter case and gives back its lower-case form', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }),
        (uuid, upper) => {
          const mixed = [...uuid].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
          expect(idSchema.parse(mixed)).toBe(uuid.toLowerCase());
        },
      ),
      { seed },
    );
  });

  it.each([
    '',
    'x',
    '3f2504e04f8941d39a0c0305e82c3301',
    ' 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    '3f2504e0-4f89-41d3-9a0c-0305e82c3301\u0000',
    '３f2504e0-4f89-41d3-9a0c-0305e82c3301',
    '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}',
  ])('refuses %j', (value) => {
    expect(idSchema.safeParse(value).success).toBe(false);
  });

  it('refuses anything that is not a UUID', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        fc.pre(!/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value));
        expect(idSchema.safeParse(value).success).toBe(false);
      }),
      { seed },
    );
  });
});

describe('text()', () => {
  it('accepts any well-formed Unicode without NUL, including astral characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (value) => {
        fc.pre(!value.includes('\u0000'));
        expect(text().parse(value)).toBe(value);
      }),
      { seed },
    );
    expect(text().parse('😀 ｆｕｌｌ　ｗｉｄｔｈ é')).toBe('😀 ｆｕｌｌ　ｗｉｄｔｈ é');
  });

  it('refuses a NUL or an unpaired surrogate anywhere, whatever the checks chained after it', () => {
    const hostile = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF');
    fc.assert(
      fc.property(fc.string(), hostile, fc.string(), (before, bad, after) => {
        // A high surrogate followed by a low one would pair up: keep them apart.
        const value = `${before}x${bad}x${after}`;
        expect(hasUnsafeCharacters(value)).toBe(true);
        expect(text().safeParse(value).success).toBe(false);
        expect(text().trim().max(10_000).safeParse(value).success).toBe(false);
      }),
      { seed },
    );
  });

  it('names the rule, never the value, in its message', () => {
    const result = text().safeParse('Jane\u0000Doe');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/NUL/);
    expect(result.error?.issues[0]?.message).not.toContain('Jane');
  });
});
