import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { sessionStore } from './features/auth/session-store';
// Imported for its effect: i18next is ready, and <html lang> set, before the first render.
import './app/i18n/i18n';
import './app/styles.css';

// Picks up a session the refresh cookie still carries (a reload, a new tab), before React renders
// anything: the refresh then travels while the page's code loads, and the page's data can be asked
// for as soon as it answers (the routes' loaders, app/router.tsx). Its cross-tab lock is granted a
// task later, and any long task queued first holds the request back: the first render (hundreds
// of milliseconds on a phone) waits until the refresh is sent, for at most 250 ms (another tab may
// hold the lock), and the schemas that check its answer are evaluated only once it is on its way,
// beside its round trip. The sign-in page shows the same whether or not the cookie still holds a
// session (it only sends a signed-in person on): it paints first, and refreshes after, as every
// page did before (#12, point 5).
const paintsFirst = location.pathname === '/sign-in';
if (!paintsFirst) {
  void sessionStore.restore();
  void sessionStore.renewalSent().then(() => sessionStore.preloadSchemas());
}
const refreshSent = Promise.race([
  sessionStore.renewalSent(),
  new Promise((resolve) => setTimeout(resolve, 250)),
]);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

void refreshSent.then(() => {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  if (paintsFirst) requestAnimationFrame(() => setTimeout(() => void sessionStore.restore()));
});
