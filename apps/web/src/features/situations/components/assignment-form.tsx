/**
 * Filter 3 → 4, for the coordinator: the lead agency and the assisting agencies. From then on,
 * identity and intervention details are for them (and the originating agency) only, so the form
 * says so. Agencies that declared they already work with the person are marked.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignAgencies } from '../api/assign-agencies';
import type { VersionedSituation } from '../api/get-situation';
import type { TableDetail } from '@fourfold/shared/situations';
import { WriteError } from './write-error';

type AssignmentFormProps = {
  versioned: VersionedSituation;
  table: TableDetail;
  onDone: (notice: 'assigned') => void;
  onReload: () => void;
};

export function AssignmentForm({ versioned, table, onDone, onReload }: AssignmentFormProps) {
  const { t } = useTranslation('situations');
  const assign = useAssignAgencies(versioned);
  const { situation } = versioned;
  const [lead, setLead] = useState('');
  const [assisting, setAssisting] = useState<string[]>([]);
  const [attempted, setAttempted] = useState(false);

  const involvedOf = new Map(
    situation.agenciesPresent.map((agency) => [agency.id, agency.involved]),
  );
  const nameOf = (agency: { id: string; name: string }) =>
    involvedOf.get(agency.id) === true
      ? t('assignment.involvedAgency', { agency: agency.name })
      : agency.name;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!lead) return;
    assign.mutate(
      { leadAgencyId: lead, assistingAgencyIds: assisting.filter((id) => id !== lead) },
      { onSuccess: () => onDone('assigned') },
    );
  };
  const leadMissing = attempted && !lead;

  return (
    <section className="situation-action" aria-labelledby="assignment-heading">
      <h3 id="assignment-heading">{t('assignment.heading')}</h3>
      <p>{t('assignment.intro')}</p>
      <form onSubmit={submit} noValidate>
        <div className={`field${leadMissing ? ' field--invalid' : ''}`}>
          <label htmlFor="assignment-lead">{t('agencies.lead')}</label>
          {leadMissing ? (
            <p className="field__error" id="assignment-lead-error">
              {t('assignment.errors.lead')}
            </p>
          ) : null}
          <select
            id="assignment-lead"
            value={lead}
            aria-invalid={leadMissing ? true : undefined}
            aria-describedby={leadMissing ? 'assignment-lead-error' : undefined}
            onChange={(event) => setLead(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {table.agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {nameOf(agency)}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('agencies.assisting')}</legend>
          <p className="field__hint">{t('assignment.assistingHint')}</p>
          {table.agencies
            .filter((agency) => agency.id !== lead)
            .map((agency) => (
              <div className="field--checkbox" key={agency.id}>
                <input
                  type="checkbox"
                  id={`assignment-assisting-${agency.id}`}
                  checked={assisting.includes(agency.id)}
                  onChange={(event) =>
                    setAssisting(
                      event.target.checked
                        ? [...assisting, agency.id]
                        : assisting.filter((id) => id !== agency.id),
                    )
                  }
                />
                <label htmlFor={`assignment-assisting-${agency.id}`}>{nameOf(agency)}</label>
              </div>
            ))}
        </fieldset>
        <p className="field__hint">{t('assignment.privacy')}</p>
        <WriteError error={assign.error} onReload={onReload} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={assign.isPending}>
            {assign.isPending ? t('form.saving') : t('assignment.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
