/**
 * Filtering the risk-factor picker by what the person types: case- and accent-insensitive, every
 * word must match (in the factor's label or its category's), so that "logement" finds
 * "Logement – …" and "sans abri" finds "sans-abri".
 */
import type { Language, RiskCategoryEntry } from '@fourfold/shared/taxonomy';

export type CodeOption = { code: string; label: string };
export type CodeGroup = { code: string; label: string; options: CodeOption[] };

/** Lower case, no accents, punctuation as spaces: the form both sides are compared in. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A factor's label without its category's name in front ("Alcohol – alcohol use by person" under
 * the heading "Alcohol" reads "alcohol use by person"), first letter raised.
 */
export function withoutCategoryPrefix(label: string, categoryLabel: string): string {
  for (const separator of [' – ', ' - ', ' — ']) {
    const prefix = `${categoryLabel}${separator}`;
    if (label.startsWith(prefix) && label.length > prefix.length) {
      const rest = label.slice(prefix.length);
      return rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
    }
  }
  return label;
}

/** The active risk categories and factors as picker groups, labelled in `language`. */
export function riskFactorGroups(
  categories: readonly RiskCategoryEntry[],
  language: Language,
  /** Codes to keep even when retired, because the situation already has them. */
  keep: readonly string[] = [],
): CodeGroup[] {
  return categories
    .map((category) => ({
      code: category.code,
      label: category.label[language],
      options: category.factors
        .filter((factor) => (!factor.retired && !category.retired) || keep.includes(factor.code))
        .map((factor) => ({
          code: factor.code,
          label: withoutCategoryPrefix(factor.label[language], category.label[language]),
        })),
    }))
    .filter((group) => group.options.length > 0);
}

/** The groups and options matching every word of `query`; all of them when it is blank. */
export function filterGroups(groups: readonly CodeGroup[], query: string): CodeGroup[] {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups
    .map((group) => {
      const groupText = foldForSearch(group.label);
      return {
        ...group,
        options: group.options.filter((option) => {
          const text = `${groupText} ${foldForSearch(option.label)}`;
          return words.every((word) => text.includes(word));
        }),
      };
    })
    .filter((group) => group.options.length > 0);
}
