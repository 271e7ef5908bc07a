/**
 * A situation table's confidentiality agreement: the current text in the page's language, and
 * "I have read and accept" for the version shown. On acceptance the profile is reloaded (the
 * table's data opens up at once) and the person returns to where they came from (?next=).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { AcknowledgementField } from '../../../components/form-fields';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { safeNextPath } from '../../auth/routes/require-sign-in';
import { useSession } from '../../auth/use-session';
import { acceptAgreement, agreementQueryOptions, useAgreement } from '../api/agreement';

export function AgreementRoute() {
  const { t } = useTranslation('agreements');
  const format = useFormat();
  const { tableId = '' } = useParams();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { reloadMe } = useSession();
  const query = useAgreement(tableId);
  const [checked, setChecked] = useState(false);
  const [reminded, setReminded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [newer, setNewer] = useState(false);
  const [busy, setBusy] = useState(false);

  const date = (iso: string) => format.date(iso);

  if (query.isPending) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <p className="loading" role="status">
          {t('loading')}
        </p>
      </>
    );
  }

  if (query.isError) {
    const secondFactor =
      query.error instanceof ApiError && query.error.code === 'SECOND_FACTOR_REQUIRED';
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        {secondFactor ? (
          <>
            <div className="alert alert--error" role="alert">
              <p>{t('twoStepRequired')}</p>
            </div>
            <p>
              <Link to="/account#two-step">{t('twoStepLink')}</Link>
            </p>
          </>
        ) : (
          <ProblemAlert error={query.error} />
        )}
      </>
    );
  }

  const { table, agreement, accepted, acceptedAt } = query.data;
  const body = format.language === 'fr' ? agreement.bodyFr : agreement.bodyEn;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (!checked) {
      setReminded(true);
      return;
    }
    setBusy(true);
    try {
      const result = await acceptAgreement(tableId, agreement.version);
      queryClient.setQueryData(agreementQueryOptions(tableId).queryKey, result);
      await reloadMe();
      navigate(next, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CONFLICT') {
        // A newer version was published meanwhile: show it, and ask again.
        setNewer(true);
        setChecked(false);
        await queryClient.invalidateQueries({ queryKey: agreementQueryOptions(tableId).queryKey });
      } else {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading documentTitle={t('title')}>{t('heading', { table: table.name })}</PageHeading>
      {newer ? (
        <div className="alert alert--error" role="alert">
          <p>{t('newerVersion')}</p>
        </div>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      {accepted ? null : <p>{t('intro')}</p>}
      <p className="agreement__meta">
        {t('version', { version: agreement.version, date: date(agreement.publishedAt) })}
      </p>
      <section className="agreement__text" aria-label={t('textLabel')}>
        {body.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </section>
      {accepted && acceptedAt ? (
        <>
          <div className="alert alert--success" role="status">
            <p>{t('acceptedOn', { date: date(acceptedAt) })}</p>
          </div>
          <p>
            <Link to={next}>{t('back')}</Link>
          </p>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <AcknowledgementField
            id="agreement-accept"
            label={t('checkbox', { version: agreement.version })}
            error={reminded && !checked ? t('mustCheck') : undefined}
            checked={checked}
            onChange={setChecked}
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('working') : t('accept')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
