/**
 * A table's confidentiality agreement: the current text in both languages, every version with how
 * many members accepted it, and publishing a new version (after a confirmation, since every
 * member must then accept again before they see the table's situations).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_MAX_LENGTH, type AdminTable } from '@fourfold/shared/admin';
import { ErrorSummary } from '../../../components/error-summary';
import { TextAreaField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { useLanguage } from '../../../lib/use-language';
import { useAgreements } from '../api/get-agreements';
import { usePublishAgreement } from '../api/publish-agreement';
import { formatDateTime } from '../../../lib/format';
import type { Confirmation } from './confirm-dialog';

const IDS = { bodyEn: 'agreement-body-en', bodyFr: 'agreement-body-fr' };

export function AgreementsSection({
  table,
  onStatus,
  ask,
}: {
  table: AdminTable;
  onStatus: (message: string) => void;
  ask: (confirmation: Confirmation) => void;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const agreements = useAgreements(table.id);
  const publish = usePublishAgreement();
  const [bodyEn, setBodyEn] = useState('');
  const [bodyFr, setBodyFr] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);

  const current = agreements.data?.[0];
  const nextVersion = (current?.version ?? 0) + 1;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!bodyEn.trim()) found.push({ fieldId: IDS.bodyEn, message: t('agreements.enRequired') });
    if (!bodyFr.trim()) found.push({ fieldId: IDS.bodyFr, message: t('agreements.frRequired') });
    setErrors(found);
    if (found.length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    ask({
      title: t('agreements.publish.title', { version: nextVersion }),
      body: t('agreements.publish.body', { count: table.memberCount }),
      confirmLabel: t('agreements.publish.confirm'),
      action: async () => {
        const published = await publish.mutateAsync({
          tableId: table.id,
          bodyEn: bodyEn.trim(),
          bodyFr: bodyFr.trim(),
        });
        setBodyEn('');
        setBodyFr('');
        onStatus(t('agreements.published', { version: published.version }));
      },
    });
  }

  return (
    <section aria-labelledby="agreements-heading">
      <h2 id="agreements-heading">{t('agreements.heading')}</h2>
      <QueryState query={agreements}>
        {(versions) =>
          !current ? (
            <p>{t('agreements.none')}</p>
          ) : (
            <>
              <h3>{t('agreements.current', { version: current.version })}</h3>
              <div className="admin-agreement">
                <div className="admin-agreement__text" lang="en">
                  <h4 lang={language}>{t('agreements.english')}</h4>
                  <p className="admin-agreement__body">{current.bodyEn}</p>
                </div>
                <div className="admin-agreement__text" lang="fr">
                  <h4 lang={language}>{t('agreements.french')}</h4>
                  <p className="admin-agreement__body">{current.bodyFr}</p>
                </div>
              </div>
              <div className="admin-table-wrap">
                <table className="data-table data-table--cards">
                  <caption>{t('agreements.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('agreements.columns.version')}</th>
                      <th scope="col">{t('agreements.columns.published')}</th>
                      <th scope="col">{t('agreements.columns.accepted')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {versions.map((agreement) => (
                      <tr key={agreement.version}>
                        <th scope="row">{agreement.version}</th>
                        <td data-label={t('agreements.columns.published')}>
                          {formatDateTime(agreement.publishedAt, language, { dateStyle: 'long' })}
                        </td>
                        <td data-label={t('agreements.columns.accepted')}>
                          {t('agreements.acceptedCount', {
                            accepted: agreement.acceptedCount,
                            members: table.memberCount,
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </QueryState>
      <form className="form admin-form--wide" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('agreements.publishLegend', { version: nextVersion })}</legend>
          <p className="field__hint">{t('agreements.publishHint')}</p>
          <ErrorSummary errors={errors} attempt={attempt} headingLevel={3} />
          {publish.error ? <ProblemAlert error={publish.error} /> : null}
          <TextAreaField
            id={IDS.bodyEn}
            label={t('agreements.bodyEn')}
            value={bodyEn}
            onChange={setBodyEn}
            lang="en"
            maxLength={AGREEMENT_MAX_LENGTH}
            required
            error={errorFor(errors, IDS.bodyEn)}
          />
          <TextAreaField
            id={IDS.bodyFr}
            label={t('agreements.bodyFr')}
            value={bodyFr}
            onChange={setBodyFr}
            lang="fr"
            maxLength={AGREEMENT_MAX_LENGTH}
            required
            error={errorFor(errors, IDS.bodyFr)}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('agreements.publishButton')}
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
