/** Verify the audit log's hash chain, with a clear answer either way. */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useVerifyAuditLog } from '../api/verify-audit-log';
import { useAuditLabels } from '../components/use-audit-labels';

export function VerifyRoute() {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const verification = useVerifyAuditLog();
  const result = verification.data;

  return (
    <div className="narrow-page audit-verify">
      <PageHeading>{t('verify.title')}</PageHeading>
      <p>{t('verify.intro')}</p>
      <button
        type="button"
        className="button button--primary audit-no-print"
        aria-disabled={verification.isPending}
        onClick={() => {
          if (!verification.isPending) verification.mutate();
        }}
      >
        {verification.isPending ? t('verify.running') : t('verify.submit')}
      </button>
      {/* The success answer arrives in a live region that is always there, so it is announced. */}
      <div role="status" aria-live="polite" className="audit-verify__status">
        {result?.intact ? (
          <div className="alert alert--success">
            <p className="alert__title">{t('verify.intactTitle')}</p>
            <p>{t('verify.intactBody', { count: result.checked })}</p>
          </div>
        ) : null}
      </div>
      {result && !result.intact ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t('verify.brokenTitle')}</p>
          <p>
            {t('verify.brokenBody', {
              id: result.firstBrokenId ?? '',
              checked: labels.number(result.checked),
            })}{' '}
            {result.problem ? t(`verify.problem.${result.problem}`) : null}
          </p>
          <p>{t('verify.brokenAction')}</p>
        </div>
      ) : null}
      {verification.isError ? <ProblemAlert error={verification.error} /> : null}
    </div>
  );
}
