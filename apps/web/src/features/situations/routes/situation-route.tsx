/**
 * /situations/:id: one situation, as the person may see it. The de-identified facts, the stage
 * timeline and the agencies are for every member who may see the situation; identity and
 * intervention notes appear only where the access policy allows; and each action is offered only
 * when the state machine allows it at this stage and the policy lets this person take it. The
 * API enforces the same rules on every call.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { ActionItemsPanel } from '../../action-items/components/action-items-panel';
import { ReportBackPanel } from '../../action-items/components/report-back-panel';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useSituation, type VersionedSituation } from '../api/get-situation';
import { useTable } from '../api/get-table';
import { situationKeys } from '../api/query-keys';
import { AssignmentForm } from '../components/assignment-form';
import { CloseForm } from '../components/close-form';
import { DecisionForm } from '../components/decision-form';
import { FirstContactClock } from '../components/first-contact-clock';
import { FirstContactForm } from '../components/first-contact-form';
import { IdentitySection } from '../components/identity-section';
import { InterventionNotes } from '../components/intervention-notes';
import { InvolvementPanel } from '../components/involvement-panel';
import { PresentPanel } from '../components/present-panel';
import { RejectedOutcome } from '../components/rejected-outcome';
import { SituationAgencies } from '../components/situation-agencies';
import { SituationFacts } from '../components/situation-facts';
import { StageTag } from '../components/stage-tag';
import { StageTimeline } from '../components/stage-timeline';
import { formatDateTime } from '../../../lib/format';
import { situationActionsFor } from '../utils/situation-subject';
import { NotFoundContent } from './not-found-content';
import '../situations.css';

export type SituationNotice =
  | 'created'
  | 'updated'
  | 'presented'
  | 'accepted'
  | 'rejected'
  | 'involvement'
  | 'assigned'
  | 'contact'
  | 'closed';

const notices: readonly string[] = [
  'created',
  'updated',
  'presented',
  'accepted',
  'rejected',
  'involvement',
  'assigned',
  'contact',
  'closed',
] satisfies SituationNotice[];

function noticeFromState(state: unknown): SituationNotice | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const notice = (state as { notice: unknown }).notice;
  return typeof notice === 'string' && notices.includes(notice)
    ? (notice as SituationNotice)
    : null;
}

export function SituationRoute() {
  const { t } = useTranslation('situations');
  const { situationId = '' } = useParams();
  // Its route's loader asks for it each time the page opens (situation-prefetch.ts): the page,
  // mounting a moment later, takes that answer rather than asking again. Short, so that a page
  // left open refetches (on focus) as before.
  const query = useSituation(situationId, { staleTime: 5_000 });
  // Asked for with the situation, not after it: the facts need the code lists' labels, and a
  // taxonomy that arrived later would push the sections below them down the page.
  const taxonomy = useTaxonomy();

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return <NotFoundContent kind="situation" />;
    }
    return (
      <>
        <PageHeading>{t('situation.title')}</PageHeading>
        <ProblemAlert error={query.error} />
      </>
    );
  }
  // The taxonomy's own failure shows on the page (below); only its first load is waited for.
  if (!query.data || taxonomy.isPending) {
    return (
      <>
        <PageHeading>{t('situation.title')}</PageHeading>
        <p className="loading" role="status">
          {t('situation.loading')}
        </p>
      </>
    );
  }
  return <SituationPage versioned={query.data} />;
}

function SituationPage({ versioned }: { versioned: VersionedSituation }) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const { actor } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { situation } = versioned;
  const actions = situationActionsFor(actor, situation);
  const taxonomy = useTaxonomy();
  const { label } = useCodeLabels();
  const needsTable = actions.present || actions.decide || actions.assign;
  const table = useTable(situation.tableId);
  const [notice, setNotice] = useState<SituationNotice | null>(() =>
    noticeFromState(location.state),
  );
  const noticeRef = useRef<HTMLDivElement>(null);
  const [noticeShown, setNoticeShown] = useState(0);

  useEffect(() => {
    if (noticeShown > 0) noticeRef.current?.focus();
  }, [noticeShown]);

  // A notice brought by navigation is for that arrival only: reloading the page or coming back to
  // it through the history must not announce "Draft saved" again over a later state.
  const navigate = useNavigate();
  useEffect(() => {
    if (noticeFromState(location.state) === null) return;
    void navigate(
      { pathname: location.pathname, search: location.search },
      { replace: true, state: null, preventScrollReset: true },
    );
  }, [location, navigate]);

  const done = (next: SituationNotice) => {
    setNotice(next);
    setNoticeShown((count) => count + 1);
  };
  const reload = () => {
    setNotice(null);
    void queryClient.invalidateQueries({ queryKey: situationKeys.detail(situation.id) });
  };

  const tableName = table.data?.name;
  const actionPanels = [
    actions.editDraft ? (
      <section className="situation-action" aria-labelledby="edit-heading" key="edit">
        <h3 id="edit-heading">{t('situation.editHeading')}</h3>
        <p>{t('situation.editIntro')}</p>
        <Link
          to={`/situations/${situation.id}/edit`}
          className="button button--secondary situations-button-link"
        >
          {t('situation.editLink')}
        </Link>
      </section>
    ) : null,
    actions.present && table.data ? (
      <PresentPanel
        key="present"
        versioned={versioned}
        minRiskFactors={table.data.minRiskFactors}
        tableName={table.data.name}
        onDone={done}
        onReload={reload}
      />
    ) : null,
    actions.decide && table.data && taxonomy.data ? (
      <DecisionForm
        key="decide"
        versioned={versioned}
        table={table.data}
        taxonomy={taxonomy.data}
        onDone={done}
        onReload={reload}
      />
    ) : null,
    actions.declareInvolvement && actor.agencyId ? (
      <InvolvementPanel
        key="involvement"
        versioned={versioned}
        agencyId={actor.agencyId}
        onDone={done}
        onReload={reload}
      />
    ) : null,
    actions.assign && table.data ? (
      <AssignmentForm
        key="assign"
        versioned={versioned}
        table={table.data}
        onDone={done}
        onReload={reload}
      />
    ) : null,
    actions.recordContact && situation.firstContact === null ? (
      <FirstContactForm key="contact" versioned={versioned} onDone={done} onReload={reload} />
    ) : null,
    actions.close && taxonomy.data ? (
      <CloseForm
        key="close"
        versioned={versioned}
        taxonomy={taxonomy.data}
        retentionDays={table.data?.identityRetentionDays ?? null}
        onDone={done}
        onReload={reload}
      />
    ) : null,
  ].filter(Boolean);

  const outcome =
    situation.stage === 'rejected' ? (
      <RejectedOutcome situation={situation} />
    ) : situation.firstContact || situation.conclusion ? (
      <section aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">{t('outcome.heading')}</h2>
        <dl className="details">
          {situation.firstContact ? (
            <>
              <dt>{t('outcome.firstContact')}</dt>
              <dd>
                {t('outcome.firstContactValue', {
                  date: formatDateTime(situation.firstContact.at, language),
                  outcome: t(`contact.outcomes.${situation.firstContact.outcome}`),
                })}
              </dd>
            </>
          ) : null}
          {situation.conclusion ? (
            <>
              <dt>{t('outcome.conclusion')}</dt>
              <dd>{label('conclusion_reason', situation.conclusion)}</dd>
            </>
          ) : null}
          {situation.noContactReason ? (
            <>
              <dt>{t('outcome.noContactReason')}</dt>
              <dd>{label('no_contact_reason', situation.noContactReason)}</dd>
            </>
          ) : null}
        </dl>
      </section>
    ) : null;

  return (
    <>
      <p className="situations-breadcrumb">
        <Link to={`/tables/${situation.tableId}`}>
          {tableName ? t('situation.backTo', { table: tableName }) : t('situation.backToTable')}
        </Link>
      </p>
      <PageHeading documentTitle={t('situation.documentTitle', { reference: situation.reference })}>
        {t('situation.heading', { reference: situation.reference })}
      </PageHeading>
      <p className="situation-meta">
        <StageTag stage={situation.stage} />
        <span>{t(`stageLong.${situation.stage}`)}</span>
      </p>
      {situation.firstContactDueAt ? (
        // From assignment: when first contact is due and how long is left, in words.
        <p className="situation-clock">
          <FirstContactClock
            firstContactDueAt={situation.firstContactDueAt}
            firstContactAt={situation.firstContact?.at ?? null}
            closed={situation.stage === 'closed'}
          />
        </p>
      ) : null}
      {notice ? (
        <div ref={noticeRef} className="alert alert--success" role="status" tabIndex={-1}>
          <p>{t(`notices.${notice}`)}</p>
        </div>
      ) : null}
      {table.isError && needsTable ? <ProblemAlert error={table.error} /> : null}

      <div className="situation-layout">
        <div className="situation-layout__main">
          {taxonomy.isError ? <ProblemAlert error={taxonomy.error} /> : null}
          {taxonomy.data ? <SituationFacts situation={situation} /> : null}
          {actions.viewIdentity || actions.editIdentity ? (
            <IdentitySection
              // A new stage may change who may see identity: start again, hidden.
              key={`${situation.id}:${situation.stage}`}
              versioned={versioned}
              canView={actions.viewIdentity}
              canEdit={actions.editIdentity}
              onReload={reload}
            />
          ) : null}
          <SituationAgencies situation={situation} />
          {outcome}
          {situation.stage === 'filter4' || situation.stage === 'closed' ? (
            <ActionItemsPanel situation={situation} />
          ) : null}
          {situation.stage === 'filter3' ||
          situation.stage === 'filter4' ||
          situation.stage === 'closed' ? (
            <ReportBackPanel situation={situation} />
          ) : null}
          {actions.readNotes ? (
            <InterventionNotes
              versioned={versioned}
              canWrite={actions.writeNotes}
              onReload={reload}
            />
          ) : null}
        </div>
        <div className="situation-layout__side">
          <section className="panel" aria-labelledby="next-heading">
            <h2 id="next-heading" className="panel__heading">
              {t('situation.nextHeading')}
            </h2>
            {actionPanels.length > 0 ? (
              <div className="action-panels" key={situation.version}>
                {actionPanels}
              </div>
            ) : (
              <p>{t(`situation.waiting.${situation.stage}`)}</p>
            )}
          </section>
          <StageTimeline situation={situation} />
        </div>
      </div>
    </>
  );
}
