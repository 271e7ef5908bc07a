/**
 * The header's menu on narrow screens: one disclosure button that shows the navigation and the
 * account tools, which stay hidden otherwise so that a phone shows the page's content within a
 * thumb's reach of the top. On wider screens the button is not shown and neither is hidden (CSS
 * decides by width; this state only matters where the button is visible).
 *
 * It closes on every navigation (a link in it was followed) and on Escape, which returns focus
 * to the button, as the disclosure pattern of the ARIA Authoring Practices asks.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

/** The ids the button controls: the header's tools and the navigation. */
export const SITE_MENU_IDS = { tools: 'site-tools', nav: 'site-nav' } as const;

export type SiteMenu = {
  open: boolean;
  toggle: () => void;
  buttonRef: React.RefObject<HTMLButtonElement | null>;
};

export function useSiteMenu(): SiteMenu {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { key } = useLocation();

  // Closed on every navigation (by a link of the menu or otherwise: back, a link in the page). Set during render rather than in an effect, as React advises
  // for state that follows a prop, so the new page never flashes with the menu still open.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    // A link followed from the menu closes it, even one to the page already shown, which is no
    // navigation at all (the analyst's Statistics link on the statistics page).
    function onClick(event: MouseEvent) {
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      if (link && Object.values(SITE_MENU_IDS).some((id) => link.closest(`#${id}`))) {
        setOpen(false);
      }
    }
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('click', onClick);
    };
  }, [open]);

  const toggle = useCallback(() => setOpen((value) => !value), []);
  return { open, toggle, buttonRef };
}
