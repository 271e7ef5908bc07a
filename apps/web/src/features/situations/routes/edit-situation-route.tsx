/**
 * /situations/:id/edit: the originating agency corrects its draft's de-identified facts. Identity
 * is corrected on the situation page, where viewing it is recorded.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { refreshCodesAfterRefusal, useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { applySituationWrite } from '../api/apply-write';
import { ifMatchOf, useSituation } from '../api/get-situation';
import { useTable } from '../api/get-table';
import { situationKeys } from '../api/query-keys';
import { updateDraft } from '../api/update-draft';
import { SituationForm, type SituationFormResult } from '../components/situation-form';
import { draftValuesOf } from '../utils/draft-form';
import { situationActionsFor } from '../utils/situation-subject';
import { NotFoundContent } from './not-found-content';

export function EditSituationRoute() {
  const { t } = useTranslation('situations');
  const { situationId = '' } = useParams();
  const { actor } = useSession();
  const language = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useSituation(situationId);
  const versioned = query.data;
  const table = useTable(versioned?.situation.tableId ?? '', { enabled: Boolean(versioned) });
  const taxonomy = useTaxonomy({ forForm: true });
  const save = useMutation({
    mutationFn: ({ draft }: SituationFormResult) => {
      if (!versioned) throw new Error('No situation loaded');
      return updateDraft(situationId, draft, ifMatchOf(versioned));
    },
    onSuccess: async (answer) => {
      if (!versioned) return;
      await applySituationWrite(
        queryClient,
        { situationId, tableId: versioned.situation.tableId },
        answer,
      );
      navigate(`/situations/${situationId}`, { state: { notice: 'updated' } });
    },
    onError: (error) => refreshCodesAfterRefusal(queryClient, error),
  });

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <NotFoundContent kind="situation" />;
    }
    return (
      <>
        <PageHeading>{t('edit.title')}</PageHeading>
        <ProblemAlert error={query.error} />
      </>
    );
  }
  if (!versioned) {
    return (
      <>
        <PageHeading>{t('edit.title')}</PageHeading>
        <p className="loading" role="status">
          {t('situation.loading')}
        </p>
      </>
    );
  }
  const { situation } = versioned;
  const allowed = situationActionsFor(actor, situation).editDraft;

  return (
    <>
      <p className="situations-breadcrumb">
        <Link to={`/situations/${situation.id}`}>
          {t('edit.back', { reference: situation.reference })}
        </Link>
      </p>
      <PageHeading>{t('edit.heading', { reference: situation.reference })}</PageHeading>
      {!allowed ? (
        <p>{t('edit.notAllowed')}</p>
      ) : table.isError || taxonomy.isError ? (
        <ProblemAlert error={table.error ?? taxonomy.error} />
      ) : !table.data || !taxonomy.data ? (
        <p className="loading" role="status">
          {t('form.loading')}
        </p>
      ) : (
        <SituationForm
          // A reload brings a newer version: start again from it.
          key={situation.version}
          taxonomy={taxonomy.data}
          language={language}
          minRiskFactors={table.data.minRiskFactors}
          initial={draftValuesOf(situation)}
          loaded={situation}
          withIdentity={false}
          saving={save.isPending}
          error={save.error}
          onReload={() => {
            save.reset();
            void queryClient.invalidateQueries({ queryKey: situationKeys.detail(situationId) });
          }}
          onSave={(result) => save.mutate(result)}
          cancelTo={`/situations/${situation.id}`}
        />
      )}
    </>
  );
}
