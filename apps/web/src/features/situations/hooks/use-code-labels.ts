/**
 * Labels of codes in the page's language, from GET /api/taxonomy. A code the lists no longer
 * know is shown as itself rather than hidden, so that nothing on a record silently disappears.
 */
import { useCallback } from 'react';
import { labelOf, type CodeListName } from '@fourfold/shared/taxonomy';
import { useTaxonomy } from '../api/get-taxonomy';
import { useLanguage } from './use-language';

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
