/**
 * i18next with the shell's catalogues bundled, in both languages: loading them synchronously means
 * the first render is already in the right language, with no flash of English for French readers.
 * The features' catalogues load with the pages that use them (catalogues.ts).
 */
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { bundledCatalogues, loadCatalogue } from './catalogues';
import type { resources } from './resources';
import {
  applyDocumentLanguage,
  detectLanguage,
  isLanguage,
  storeLanguage,
  type Language,
} from './languages';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // English is the reference catalogue: a key missing from it does not compile.
    resources: (typeof resources)['en'];
  }
}

export const i18n = i18next.createInstance();

/** Fetches a feature's catalogue (a chunk of the build) the first time a page needs it. */
const featureCatalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    loadCatalogue(language, namespace).then(
      (catalogue) => callback(null, catalogue ?? {}),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

i18n.on('languageChanged', (language) => {
  if (isLanguage(language)) applyDocumentLanguage(language);
});

void i18n
  .use(featureCatalogues)
  .use(initReactI18next)
  .init({
    resources: bundledCatalogues,
    // The bundled catalogues are there at once; any other namespace is asked of the backend.
    partialBundledLanguages: true,
    ns: Object.keys(bundledCatalogues.en),
    lng: detectLanguage(),
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    // Load synchronously: the resources are already here.
    initAsync: false,
    // React escapes what it renders; escaping here too would show entities such as &amp;.
    interpolation: { escapeValue: false },
  });

/** The user's own choice: applied and remembered for the next visit. */
export function changeLanguage(language: Language): Promise<unknown> {
  storeLanguage(language);
  return i18n.changeLanguage(language);
}

// Covers the case where the detected language equals i18next's initial one and no event fired.
applyDocumentLanguage(currentLanguage());

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}
