/**
 * Why a situation is concluded with no first contact recorded: a required choice from the code
 * list `no_contact_reason` (active codes, in the interface language), shown by the situation
 * page's close form and the meeting room's conclusion alike. Whether it is needed is
 * `needsNoContactReason` from @fourfold/shared/situations, the rule the API enforces.
 */
import { useTranslation } from 'react-i18next';
import type { Taxonomy } from '@fourfold/shared/taxonomy';
import { SelectField } from '../../../components/form-fields';
import { useLanguage } from '../../../lib/use-language';

export function NoContactReasonField({
  id,
  taxonomy,
  value,
  onChange,
  missing,
}: {
  id: string;
  taxonomy: Taxonomy;
  value: string;
  onChange: (value: string) => void;
  /** The person tried to conclude without choosing one. */
  missing: boolean;
}) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  return (
    <SelectField
      id={id}
      label={t('noContact.label')}
      hint={t('noContact.hint')}
      error={missing ? t('noContact.missing') : undefined}
      value={value}
      onChange={onChange}
      emptyLabel={t('form.choose')}
      options={taxonomy.noContactReasons
        .filter((entry) => !entry.retired)
        .map((entry) => ({ value: entry.code, label: entry.label[language] }))}
    />
  );
}
