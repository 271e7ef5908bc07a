import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { AppProvider, createQueryClient } from './provider';
import { createRouter } from './router';

export function App() {
  // One client per mounted app, not per module: tests and hot reloads get a fresh cache. The
  // router's loaders start a page's queries in it (router.tsx).
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createRouter(queryClient));
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
