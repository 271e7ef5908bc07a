/**
 * Labels of codes in the page's language, from GET /api/taxonomy. A code the lists no longer
 * know (or any code while the lists are loading) is shown as itself rather than hidden, so that
 * nothing on a record silently disappears.
 */
import { useCallback } from 'react';
import { labelOf, type CodeListName } from '@fourfold/shared/taxonomy';
import { useLanguage } from '../../../lib/use-language';
import { useTaxonomy } from '../api/get-taxonomy';

export function useCodeLabels() {
  const taxonomy = useTaxonomy();
  const language = useLanguage();
  const data = taxonomy.data;
  const label = useCallback(
    (list: CodeListName, code: string) =>
      (data ? labelOf(data, list, code, language) : undefined) ?? code,
    [data, language],
  );
  return { label, taxonomy };
}
