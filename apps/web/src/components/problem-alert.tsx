/**
 * Shows any failure the same way: a translated message for its code, the API's detail, and the
 * request id, which support needs to find the request in the logs (the logs hold no personal data,
 * so quoting the id reveals nothing).
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client';

type ProblemAlertProps = {
  /** An ApiError, or anything else thrown, which is shown as an internal error. */
  error: unknown;
  /** Words for the failure that fit where it happened better than those of its code. */
  title?: string;
};

export function ProblemAlert({ error, title }: ProblemAlertProps) {
  const { t } = useTranslation();
  const problem = ApiError.from(error);
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{title ?? t(`errors.${problem.code}`)}</p>
      {/* The API writes its details in English; lang lets screen readers pronounce them so. */}
      {problem.detail ? (
        <p className="alert__detail" lang="en">
          {problem.detail}
        </p>
      ) : null}
      {problem.invalidParams.length > 0 ? (
        <>
          <p>{t('problem.fields')}</p>
          <ul className="alert__fields" lang="en">
            {problem.invalidParams.map((param) => (
              <li key={`${param.in}:${param.path}`}>
                <code>{param.path}</code> — {param.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {problem.requestId ? (
        <p className="alert__reference">
          {t('problem.reference', { requestId: problem.requestId })}
          <br />
          {t('problem.referenceHelp')}
        </p>
      ) : null}
    </div>
  );
}
