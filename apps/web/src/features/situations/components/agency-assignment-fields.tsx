/**
 * The lead agency and the assisting agencies, as the situation page and the meeting screen both
 * ask for them: a lead to choose, then checkboxes for the others (never the lead itself). An
 * agency that declared it already works with the person is marked, since it is the usual lead.
 */
import { useTranslation } from 'react-i18next';
import type { Situation } from '@fourfold/shared/situations';
import { SelectField } from '../../../components/form-fields';

export function AgencyAssignmentFields({
  idPrefix,
  situation,
  agencies,
  lead,
  onLeadChange,
  assisting,
  onAssistingChange,
  leadMissing,
}: {
  idPrefix: string;
  situation: Situation;
  /** The agencies to choose from: the table's members, or those present in the room. */
  agencies: ReadonlyArray<{ id: string; name: string }>;
  lead: string;
  onLeadChange: (agencyId: string) => void;
  assisting: readonly string[];
  onAssistingChange: (agencyIds: string[]) => void;
  leadMissing: boolean;
}) {
  const { t } = useTranslation('situations');
  const involved = new Map(situation.agenciesPresent.map((agency) => [agency.id, agency.involved]));
  const nameOf = (agency: { id: string; name: string }) =>
    involved.get(agency.id) === true
      ? t('assignment.involvedAgency', { agency: agency.name })
      : agency.name;

  return (
    <>
      <SelectField
        id={`${idPrefix}-lead`}
        label={t('agencies.lead')}
        error={leadMissing ? t('assignment.errors.lead') : undefined}
        value={lead}
        onChange={onLeadChange}
        emptyLabel={t('form.choose')}
        options={agencies.map((agency) => ({ value: agency.id, label: nameOf(agency) }))}
      />
      <fieldset>
        <legend>{t('agencies.assisting')}</legend>
        <p className="field__hint">{t('assignment.assistingHint')}</p>
        {agencies
          .filter((agency) => agency.id !== lead)
          .map((agency) => (
            <div className="field--checkbox" key={agency.id}>
              <input
                type="checkbox"
                id={`${idPrefix}-assisting-${agency.id}`}
                checked={assisting.includes(agency.id)}
                onChange={(event) =>
                  onAssistingChange(
                    event.target.checked
                      ? [...assisting, agency.id]
                      : assisting.filter((id) => id !== agency.id),
                  )
                }
              />
              <label htmlFor={`${idPrefix}-assisting-${agency.id}`}>{nameOf(agency)}</label>
            </div>
          ))}
      </fieldset>
    </>
  );
}
