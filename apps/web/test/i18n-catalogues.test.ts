// English and French must say the same things: a key in one catalogue only would show a raw key
// (or English) to half the users. Interpolation variables must match too.
import { describe, expect, it } from 'vitest';
import { resources } from '../src/app/i18n/resources';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

/** All namespaces of a language, keys prefixed with their namespace. */
function catalogueOf(language: 'en' | 'fr'): Map<string, string> {
  const all = new Map<string, string>();
  for (const [namespace, messages] of Object.entries(resources[language])) {
    for (const [key, text] of flatten(messages as Catalogue)) {
      all.set(namespace === 'translation' ? key : `${namespace}:${key}`, text);
    }
  }
  return all;
}

const catalogues = { en: catalogueOf('en'), fr: catalogueOf('fr') };

describe('message catalogues', () => {
  it('register the same namespaces in both languages', () => {
    expect(Object.keys(resources.fr).sort()).toEqual(Object.keys(resources.en).sort());
  });

  it('have exactly the same keys in English and French', () => {
    expect([...catalogues.fr.keys()].sort()).toEqual([...catalogues.en.keys()].sort());
  });

  it.each(Object.entries(catalogues))('%s has no empty message', (_language, messages) => {
    const empty = [...messages].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    for (const [key, text] of catalogues.en) {
      expect(variables(catalogues.fr.get(key) ?? ''), key).toEqual(variables(text));
    }
  });

  it('have a message for every error code of the API', async () => {
    const { errorCodes } = await import('@fourfold/shared/error-codes');
    for (const code of errorCodes) {
      expect(catalogues.en.has(`errors.${code}`), code).toBe(true);
    }
  });
});
