/**
 * /admin/code-lists/:list: every code of one list, retired ones included, and the administrator's
 * changes: add a code, relabel one, move it up or down, retire it (kept on old records, no longer
 * offered) or reinstate it. Risk factors are shown and moved within their category.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminCode } from '@fourfold/shared/admin';
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { codeListNameSchema, type CodeListName } from '@fourfold/shared/taxonomy';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { ApiError } from '../../../lib/api-client';
import { useLanguage } from '../../../lib/use-language';
import { useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useCodeList } from '../api/get-code-list';
import { useCreateCode, useSetCodeRetired, useUpdateCode } from '../api/write-code';
import { AdminSubnav } from '../components/admin-subnav';
import { CodeForm } from '../components/code-form';
import { ConfirmDialog } from '../components/confirm-dialog';
import { StatusMessage } from '../components/status-message';
import { useConfirmation } from '../hooks/use-confirmation';
import { useEditing } from '../hooks/use-editing';

export function CodeListRoute() {
  const { t } = useTranslation('admin');
  const parsed = codeListNameSchema.safeParse(useParams().list);
  if (!parsed.success) {
    return (
      <>
        <PageHeading>{t('codeLists.unknownTitle')}</PageHeading>
        <AdminSubnav />
        <p>{t('codeLists.unknownBody')}</p>
        <p>
          <Link to="/admin/code-lists">{t('codeLists.backToLists')}</Link>
        </p>
      </>
    );
  }
  // A new list is a new page: nothing of the previous list's state carries over.
  return <CodeListPage key={parsed.data} list={parsed.data} />;
}

/** The codes in the order people see them: risk factors category by category. */
function inDisplayOrder(codes: readonly AdminCode[], categoryOrder: readonly string[]) {
  const rank = (code: AdminCode) =>
    code.categoryCode === null ? 0 : categoryOrder.indexOf(code.categoryCode);
  return [...codes].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

/** Consecutive codes of one category (risk factors), or all codes as one group (other lists). */
function groupsOf(rows: readonly AdminCode[]) {
  const groups: { category: string | null; codes: AdminCode[] }[] = [];
  for (const code of rows) {
    const last = groups.at(-1);
    if (last && last.category === code.categoryCode) last.codes.push(code);
    else groups.push({ category: code.categoryCode, codes: [code] });
  }
  return groups;
}

/** One code's row: its labels, code, status and the administrator's actions on it. */
function CodeRow({
  code,
  name,
  isConclusion,
  categoryRetired,
  last,
  moving,
  onRelabel,
  onMove,
  onRetire,
  onReinstate,
}: {
  code: AdminCode;
  /** Its label in the page's language, for the actions' accessible names. */
  name: string;
  isConclusion: boolean;
  /** A risk factor whose category is retired: not offered, whatever its own status. */
  categoryRetired: boolean;
  /** The last of its list (or of its category): it cannot move down. */
  last: boolean;
  /** A move is under way: no other starts until the list shows its result. */
  moving: boolean;
  onRelabel: () => void;
  onMove: (direction: 'up' | 'down') => void;
  onRetire: () => void;
  onReinstate: () => void;
}) {
  const { t } = useTranslation('admin');
  const retired = code.retiredAt !== null;
  return (
    <tr>
      <th scope="row">
        <span lang="en">{code.label.en}</span>
        <code className="code-list__code">{code.code}</code>
      </th>
      {/* lang on the text, not the cell: the cell's column name (on a phone) is not French. */}
      <td data-label={t('codeLists.columns.french')}>
        <span lang="fr">{code.label.fr}</span>
      </td>
      {isConclusion ? (
        <td data-label={t('codeLists.columns.riskLowered')}>
          {code.riskLowered ? t('yes') : t('no')}
        </td>
      ) : null}
      <td data-label={t('codeLists.columns.status')}>
        {retired
          ? t('codeLists.status.retired')
          : categoryRetired
            ? t('codeLists.status.categoryRetired')
            : t('status.active')}
      </td>
      <td data-label={t('columns.actions')}>
        <div className="admin-actions admin-actions--inline">
          <button
            type="button"
            className="button button--secondary"
            onClick={onRelabel}
            aria-label={t('codeLists.editLabel', { name })}
          >
            {t('codeLists.actions.relabel')}
          </button>
          <button
            id={`code-${code.code}-up`}
            type="button"
            className="button button--secondary"
            disabled={code.position === 1 || moving}
            onClick={() => onMove('up')}
            aria-label={t('codeLists.moveUpLabel', { name })}
          >
            {t('codeLists.actions.up')}
          </button>
          <button
            id={`code-${code.code}-down`}
            type="button"
            className="button button--secondary"
            disabled={last || moving}
            onClick={() => onMove('down')}
            aria-label={t('codeLists.moveDownLabel', { name })}
          >
            {t('codeLists.actions.down')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={retired ? onReinstate : onRetire}
            aria-label={t(retired ? 'codeLists.reinstateLabel' : 'codeLists.retireLabel', {
              name,
            })}
          >
            {retired ? t('codeLists.actions.reinstate') : t('codeLists.actions.retire')}
          </button>
        </div>
      </td>
    </tr>
  );
}

function CodeListPage({ list }: { list: CodeListName }) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const codes = useCodeList(list);
  const taxonomy = useTaxonomy();
  const { label: codeLabel } = useCodeLabels();
  const create = useCreateCode();
  const update = useUpdateCode();
  const setRetired = useSetCodeRetired();
  const { ask, dialogProps } = useConfirmation();
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ message: string | null; error: unknown } | null>(null);
  const { editing, startEditing, stopEditing, editHeading, listHeading } = useEditing<AdminCode>();
  // After a move the row changes place: the button pressed keeps the focus (or its twin at an end).
  const focusAfterMove = useRef<string | null>(null);
  const listName = t(`codeLists.lists.${list}`);
  const isConclusion = list === 'conclusion_reason';
  const categoryOrder = taxonomy.data?.riskCategories.map((category) => category.code) ?? [];
  const retiredCategories = new Set(
    taxonomy.data?.riskCategories.filter((category) => category.retired).map((c) => c.code),
  );
  const columnCount = isConclusion ? 5 : 4;
  const nameOf = (code: AdminCode) => code.label[language];

  useEffect(() => {
    const pressed = focusAfterMove.current;
    if (!pressed || update.isPending) return;
    const button = document.getElementById(pressed) as HTMLButtonElement | null;
    const twin = pressed.endsWith('-up')
      ? pressed.replace(/-up$/, '-down')
      : pressed.replace(/-down$/, '-up');
    const target = button && !button.disabled ? button : document.getElementById(twin);
    target?.focus();
    focusAfterMove.current = null;
  }, [update.isPending, codes.data]);

  function begin() {
    setStatus(null);
    setFailure(null);
  }

  function relabel(code: AdminCode) {
    begin();
    startEditing(code);
  }

  /** What a refusal to reinstate means here: a label taken meanwhile, or a retired category. */
  function reinstateRefusal(error: unknown): string | null {
    const known: Partial<Record<ErrorCode, string>> = {
      CONFLICT: t('codeLists.refusals.labelTaken'),
      VALIDATION_FAILED: t('codeLists.refusals.categoryRetired'),
    };
    return known[ApiError.from(error).code] ?? null;
  }

  function move(code: AdminCode, direction: 'up' | 'down') {
    begin();
    const position = code.position + (direction === 'up' ? -1 : 1);
    focusAfterMove.current = `code-${code.code}-${direction}`;
    update
      .mutateAsync({ list, code: code.code, position })
      .then(() =>
        setStatus(
          t(direction === 'up' ? 'codeLists.movedUp' : 'codeLists.movedDown', {
            name: nameOf(code),
          }),
        ),
      )
      .catch((error: unknown) => setFailure({ message: null, error }));
  }

  function retire(code: AdminCode) {
    begin();
    ask({
      title: t('codeLists.retire.title', { name: nameOf(code) }),
      body: t(list === 'risk_category' ? 'codeLists.retire.bodyCategory' : 'codeLists.retire.body'),
      confirmLabel: t('codeLists.retire.confirm'),
      refusals: { VALIDATION_FAILED: t('codeLists.refusals.lastActive') },
      action: async () => {
        await setRetired.mutateAsync({ list, code: code.code, retired: true });
        setStatus(t('codeLists.retired', { name: nameOf(code) }));
      },
    });
  }

  function reinstate(code: AdminCode) {
    begin();
    setRetired
      .mutateAsync({ list, code: code.code, retired: false })
      .then(() => setStatus(t('codeLists.reinstated', { name: nameOf(code) })))
      .catch((error: unknown) => setFailure({ message: reinstateRefusal(error), error }));
  }

  return (
    <>
      <PageHeading>{listName}</PageHeading>
      <AdminSubnav />
      <p>
        <Link to="/admin/code-lists">{t('codeLists.backToLists')}</Link>
      </p>
      <p className="lead">{t(`codeLists.usedFor.${list}`)}</p>
      <p>{t('codeLists.rules')}</p>
      <StatusMessage message={status} />
      {failure ? (
        failure.message ? (
          <p className="alert alert--error" role="alert">
            {failure.message}
          </p>
        ) : (
          <ProblemAlert error={failure.error} />
        )
      ) : null}

      {editing ? (
        <section className="panel" aria-labelledby="code-edit-heading">
          <h2 id="code-edit-heading" className="panel__heading" ref={editHeading} tabIndex={-1}>
            {t('codeLists.editHeading', { name: nameOf(editing) })}
          </h2>
          <CodeForm
            key={editing.code}
            list={list}
            existing={editing}
            idPrefix="code-edit"
            submitLabel={t('codeLists.form.save')}
            onCancel={stopEditing}
            onSubmit={async (values) => {
              await update.mutateAsync({ list, code: editing.code, label: values.label });
              setStatus(t('codeLists.saved', { name: values.label[language] }));
              stopEditing();
            }}
          />
        </section>
      ) : (
        <section className="panel" aria-labelledby="code-add-heading">
          <h2 id="code-add-heading" className="panel__heading">
            {t('codeLists.addHeading')}
          </h2>
          <CodeForm
            list={list}
            idPrefix="code-add"
            submitLabel={t('codeLists.form.add')}
            onSubmit={async (values) => {
              begin();
              await create.mutateAsync({ list, ...values });
              setStatus(t('codeLists.added', { name: values.label[language] }));
            }}
          />
        </section>
      )}

      <section aria-labelledby="code-list-heading">
        <h2 id="code-list-heading" ref={listHeading} tabIndex={-1}>
          {t('codeLists.listHeading')}
        </h2>
        <QueryState query={codes}>
          {(all) => (
            <div className="admin-table-wrap">
              <table className="data-table data-table--cards">
                <caption>{t('codeLists.codesCaption', { list: listName })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('codeLists.columns.english')}</th>
                    <th scope="col">{t('codeLists.columns.french')}</th>
                    {isConclusion ? (
                      <th scope="col">{t('codeLists.columns.riskLowered')}</th>
                    ) : null}
                    <th scope="col">{t('codeLists.columns.status')}</th>
                    <th scope="col">{t('columns.actions')}</th>
                  </tr>
                </thead>
                {groupsOf(inDisplayOrder(all, categoryOrder)).map((group) => (
                  <tbody key={group.category ?? 'all'}>
                    {group.category !== null ? (
                      <tr className="code-list__group data-table__group">
                        <th scope="rowgroup" colSpan={columnCount}>
                          {codeLabel('risk_category', group.category)}
                        </th>
                      </tr>
                    ) : null}
                    {group.codes.map((code) => (
                      <CodeRow
                        key={code.code}
                        code={code}
                        name={nameOf(code)}
                        isConclusion={isConclusion}
                        categoryRetired={
                          code.categoryCode !== null && retiredCategories.has(code.categoryCode)
                        }
                        last={code.position === group.codes.length}
                        moving={update.isPending}
                        onRelabel={() => relabel(code)}
                        onMove={(direction) => move(code, direction)}
                        onRetire={() => retire(code)}
                        onReinstate={() => reinstate(code)}
                      />
                    ))}
                  </tbody>
                ))}
              </table>
            </div>
          )}
        </QueryState>
      </section>
      <ConfirmDialog {...dialogProps} />
    </>
  );
}
