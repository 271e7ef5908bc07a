/**
 * A lazy route's loader that also fetches the catalogues its page reads, both at once: the page
 * renders with its text already there, instead of suspending on it after the navigation (the
 * layout moves focus to the new page's h1 when the page is shown, so the h1 must not wait behind
 * "Loading…"), and the catalogue is not fetched only after the page's code arrived. For pages
 * whose catalogue is not in the first download (catalogues.ts), such as the home.
 */
import { i18n } from './i18n';
import type { Namespace } from './resources';

export function withCatalogues<T>(
  namespaces: readonly Namespace[],
  load: () => Promise<T>,
): () => Promise<T> {
  return async () => {
    // loadNamespaces settles even when a catalogue fails to load: the page then suspends on it
    // and shows the usual error, as a page without this loader would.
    const [route] = await Promise.all([load(), i18n.loadNamespaces([...namespaces])]);
    return route;
  };
}
