/**
 * The frame of every page: skip link, header, navigation, main, footer. After a client-side
 * navigation it moves focus to the new page's h1, as a full page load would put a screen reader
 * at the top of the new page; the first load leaves focus alone so that the skip link stays the
 * first Tab stop.
 */
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { SessionLapse } from '../../features/auth/components/session-lapse';
import { SituationDataGuard } from '../../features/situations/components/situation-data-guard';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';
import { SiteNav } from './site-nav';
import { MAIN_ID, SkipLink } from './skip-link';
import { useSiteMenu } from './use-site-menu';

export function RootLayout() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const shownPathname = useRef(pathname);
  const { open: menuOpen, toggle: toggleMenu, buttonRef: menuButtonRef } = useSiteMenu();

  useEffect(() => {
    if (shownPathname.current === pathname) return;
    shownPathname.current = pathname;
    const main = mainRef.current;
    (main?.querySelector<HTMLElement>('h1') ?? main)?.focus();
  }, [pathname]);

  return (
    <>
      <SituationDataGuard />
      <SkipLink />
      <SiteHeader menuOpen={menuOpen} onMenuToggle={toggleMenu} menuButtonRef={menuButtonRef} />
      <SiteNav menuOpen={menuOpen} />
      <main id={MAIN_ID} ref={mainRef} tabIndex={-1} className="container site-main">
        <SessionLapse />
        {/* A page waits here while the catalogue of a feature it uses is fetched (i18n/catalogues.ts). */}
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
    </>
  );
}

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}
