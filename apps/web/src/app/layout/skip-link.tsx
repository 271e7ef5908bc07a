/**
 * "Skip to main content": the first Tab stop of every page, hidden until focused. The click is
 * handled here rather than by the browser's fragment navigation, which would change the URL (a
 * route change to the router) and does not move focus in every browser.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

export function SkipLink() {
  const { t } = useTranslation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={onClick}>
      {t('app.skipLink')}
    </a>
  );
}
