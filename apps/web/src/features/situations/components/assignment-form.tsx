/**
 * Filter 3 → 4, for the coordinator: the lead agency and the assisting agencies. From then on,
 * identity and intervention details are for them (and the originating agency) only, so the form
 * says so. Agencies that declared they already work with the person are marked.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableDetail } from '@fourfold/shared/situations';
import { useAssignAgencies } from '../api/assign-agencies';
import type { VersionedSituation } from '../api/get-situation';
import { AgencyAssignmentFields } from './agency-assignment-fields';
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
        <AgencyAssignmentFields
          idPrefix="assignment"
          situation={situation}
          agencies={table.agencies}
          lead={lead}
          onLeadChange={setLead}
          assisting={assisting}
          onAssistingChange={setAssisting}
          leadMissing={leadMissing}
        />
        <p className="field__hint">{t('assignment.privacy')}</p>
        <WriteError error={assign.error} onReload={onReload} situation={versioned.situation} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={assign.isPending}>
            {assign.isPending ? t('form.saving') : t('assignment.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
