// The API refuses a weak password with message keys (passwordReasons in
// @fourfold/shared/credentials); every one of them must read as a sentence in both languages.
import { describe, expect, it } from 'vitest';
import { passwordReasons } from '@fourfold/shared/credentials';
import { resources } from '../src/app/i18n/resources';

function lookup(catalogue: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
      catalogue,
    );
}

describe('password refusal reasons', () => {
  it.each(['en', 'fr'] as const)('are all translated in %s', (language) => {
    const missing = passwordReasons.filter(
      (key) => typeof lookup(resources[language].account, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });
});
