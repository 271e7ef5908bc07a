/**
 * Where each message catalogue comes from at run time. The shell's own (the default
 * `translation`, with the header's and footer's links, sign-in, and the notifications' link in the
 * header) are bundled, so the first page renders in the reader's language at once. Every other
 * feature's catalogue is a chunk of its own (those of the work pages — home, situations, action
 * items, meetings — share one per language: vite.config.ts), fetched the first time a page uses
 * its namespace (react-i18next suspends that page meanwhile): a representative never downloads
 * the administration's text, and nobody downloads the other language's. `resources.ts` still
 * lists them all, for the types and the catalogue tests.
 */
import type { Namespace } from './resources';
import type { Language } from './languages';
import enAuth from '../../features/auth/i18n/en.json';
import frAuth from '../../features/auth/i18n/fr.json';
import enNotifications from '../../features/notifications/i18n/en.json';
import frNotifications from '../../features/notifications/i18n/fr.json';
import en from './en.json';
import fr from './fr.json';

export const bundledCatalogues = {
  en: { translation: en, auth: enAuth, notifications: enNotifications },
  fr: { translation: fr, auth: frAuth, notifications: frNotifications },
};

type Catalogue = { default: object };
type LoadedNamespace = Exclude<Namespace, keyof (typeof bundledCatalogues)['en']>;

// One line per namespace and language: Vite makes each import a chunk (vite.config.ts groups some).
// prettier-ignore
const loaders: Record<LoadedNamespace, Record<Language, () => Promise<Catalogue>>> = {
  account: { en: () => import('../../features/account/i18n/en.json'), fr: () => import('../../features/account/i18n/fr.json') },
  actionItems: { en: () => import('../../features/action-items/i18n/en.json'), fr: () => import('../../features/action-items/i18n/fr.json') },
  admin: { en: () => import('../../features/admin/i18n/en.json'), fr: () => import('../../features/admin/i18n/fr.json') },
  agreements: { en: () => import('../../features/agreements/i18n/en.json'), fr: () => import('../../features/agreements/i18n/fr.json') },
  audit: { en: () => import('../../features/audit/i18n/en.json'), fr: () => import('../../features/audit/i18n/fr.json') },
  home: { en: () => import('../../features/home/i18n/en.json'), fr: () => import('../../features/home/i18n/fr.json') },
  meetings: { en: () => import('../../features/meetings/i18n/en.json'), fr: () => import('../../features/meetings/i18n/fr.json') },
  memberships: { en: () => import('../../features/memberships/i18n/en.json'), fr: () => import('../../features/memberships/i18n/fr.json') },
  minutes: { en: () => import('../../features/minutes/i18n/en.json'), fr: () => import('../../features/minutes/i18n/fr.json') },
  situations: { en: () => import('../../features/situations/i18n/en.json'), fr: () => import('../../features/situations/i18n/fr.json') },
  statistics: { en: () => import('../../features/statistics/i18n/en.json'), fr: () => import('../../features/statistics/i18n/fr.json') },
};

/** The catalogue of a namespace that is not bundled; undefined for an unknown pair. */
export async function loadCatalogue(
  language: string,
  namespace: string,
): Promise<object | undefined> {
  const byLanguage = (
    loaders as Record<string, Record<string, () => Promise<Catalogue>> | undefined>
  )[namespace];
  const load = byLanguage?.[language];
  return load ? (await load()).default : undefined;
}
