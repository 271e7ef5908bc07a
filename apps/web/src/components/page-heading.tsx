/**
 * The one h1 of a page, which also names the browser tab. The layout moves focus to this heading
 * after each client-side navigation, so screen reader users hear where they arrived: hence
 * tabIndex={-1} (focusable by script, not a Tab stop).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

type PageHeadingProps = {
  children: string;
  /** The page's name in the document title, when it differs from the heading. */
  documentTitle?: string;
};

export function PageHeading({ children, documentTitle }: PageHeadingProps) {
  const { t } = useTranslation();
  const title = t('app.documentTitle', { page: documentTitle ?? children });
  useEffect(() => {
    document.title = title;
  }, [title]);
  return (
    <h1 className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
