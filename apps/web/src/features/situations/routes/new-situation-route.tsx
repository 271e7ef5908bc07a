/**
 * /tables/:tableId/situations/new: filter 1 — a new draft, known only to the person's agency.
 * The draft is created first; the identity, when entered, is then saved through its own route.
 * If that second step fails, the form stays filled in and saving again completes it (updating
 * the draft just created rather than creating another).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { can } from '@fourfold/shared/access-policy';
import { situationSchema } from '@fourfold/shared/situations';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import type { Versioned } from '../../../lib/api-client';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { refreshCodesAfterRefusal, useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { createSituation } from '../api/create-situation';
import { getSituation, ifMatchOf, type VersionedSituation } from '../api/get-situation';
import { useTable } from '../api/get-table';
import { situationKeys } from '../api/query-keys';
import { updateDraft } from '../api/update-draft';
import { updateIdentity } from '../api/update-identity';
import { SituationForm, type SituationFormResult } from '../components/situation-form';
import { emptyDraft } from '../utils/draft-form';
import { NotFoundContent } from './not-found-content';

/** The situation as the API now holds it, with its ETag: from the answer when it has both. */
async function versionedAfter(
  situationId: string,
  answer: Versioned<unknown>,
): Promise<VersionedSituation> {
  const view = situationSchema.safeParse(answer.data);
  if (view.success && answer.etag !== null) return { situation: view.data, etag: answer.etag };
  return getSituation(situationId);
}

export function NewSituationRoute() {
  const { t } = useTranslation('situations');
  const { tableId = '' } = useParams();
  const { me, actor } = useSession();
  const membership = me.memberships.find((m) => m.table.id === tableId);
  const mayCreate =
    membership !== undefined &&
    can(actor, 'situation.create', {
      kind: 'table',
      tableId,
      requiresSecondFactor: membership.requiresSecondFactor,
    });
  const language = useLanguage();
  const table = useTable(tableId, { enabled: mayCreate });
  const taxonomy = useTaxonomy({ forForm: true });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<VersionedSituation | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [initial] = useState(emptyDraft);

  if (!membership) return <NotFoundContent kind="table" />;

  const save = async ({ draft, identity }: SituationFormResult) => {
    setSaving(true);
    setError(null);
    let current = created;
    try {
      if (current === null) {
        const answer = await createSituation(tableId, draft);
        current = await versionedAfter(answer.data.id, answer);
        setCreated(current);
      } else {
        const answer = await updateDraft(current.situation.id, draft, ifMatchOf(current));
        current = await versionedAfter(current.situation.id, answer);
        setCreated(current);
      }
      if (identity) {
        const answer = await updateIdentity(current.situation.id, identity, ifMatchOf(current));
        current = await versionedAfter(current.situation.id, answer);
      }
      queryClient.setQueryData(situationKeys.detail(current.situation.id), current);
      await queryClient.invalidateQueries({ queryKey: situationKeys.lists(tableId) });
      navigate(`/situations/${current.situation.id}`, { state: { notice: 'created' } });
    } catch (caught) {
      setError(caught);
      setSaving(false);
      refreshCodesAfterRefusal(queryClient, caught);
    }
  };

  return (
    <>
      <PageHeading>{t('new.title')}</PageHeading>
      <p className="lead">{t('new.lead', { table: membership.table.name })}</p>
      {!mayCreate ? (
        <p>{t('new.notAllowed')}</p>
      ) : table.isError || taxonomy.isError ? (
        <ProblemAlert error={table.error ?? taxonomy.error} />
      ) : !table.data || !taxonomy.data ? (
        <p className="loading" role="status">
          {t('form.loading')}
        </p>
      ) : (
        <SituationForm
          taxonomy={taxonomy.data}
          language={language}
          minRiskFactors={table.data.minRiskFactors}
          initial={initial}
          withIdentity
          saving={saving}
          error={error}
          onReload={() => {
            setError(null);
            if (created) void getSituation(created.situation.id).then(setCreated, setError);
          }}
          onSave={(result) => void save(result)}
          cancelTo={created ? `/situations/${created.situation.id}` : `/tables/${tableId}`}
          notice={
            created && error
              ? t('new.partlySaved', { reference: created.situation.reference })
              : null
          }
        />
      )}
    </>
  );
}
