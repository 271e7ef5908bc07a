/** A sector code's label in the page's language (the code itself until the lists have loaded). */
import { useCallback } from 'react';
import { labelOf } from '@fourfold/shared/taxonomy';
import { useTaxonomy } from '../api/get-taxonomy';
import { useLanguage } from './use-language';

export function useSectorLabel(): (code: string) => string {
  const taxonomy = useTaxonomy();
  const language = useLanguage();
  return useCallback(
    (code: string) => (taxonomy.data && labelOf(taxonomy.data, 'sector', code, language)) ?? code,
    [taxonomy.data, language],
  );
}
