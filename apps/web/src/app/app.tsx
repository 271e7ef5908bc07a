import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { sessionStore } from '../features/auth/session-store';
import { AppProvider } from './provider';
import { createRouter } from './router';

export function App() {
  const [router] = useState(createRouter);
  // Pick up a session the refresh cookie still carries (a reload, a new tab).
  useEffect(() => {
    void sessionStore.restore();
  }, []);
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
