/**
 * What a page the person may not open shows instead (an agency representative at /admin or
 * /audit, say): a heading that says so, why when the page knows, and a way back, so that nobody
 * is left on a bare refusal. Whether they may is the API's decision; this only words it.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from './page-heading';

export function ForbiddenPage({
  reason,
}: {
  /** Who the page is for, in words. */ reason?: string;
}) {
  const { t } = useTranslation();
  // Back only when there is somewhere to go back to in this tab (not a link opened in a new one).
  const canGoBack = window.history.length > 1;
  return (
    <>
      <PageHeading>{t('forbidden.title')}</PageHeading>
      <p>{reason ?? t('forbidden.body')}</p>
      <ul className="forbidden-page__ways">
        {canGoBack ? (
          <li>
            <button
              type="button"
              className="button button--link"
              onClick={() => window.history.back()}
            >
              {t('forbidden.back')}
            </button>
          </li>
        ) : null}
        <li>
          <Link to="/">{t('forbidden.homeLink')}</Link>
        </li>
      </ul>
    </>
  );
}
