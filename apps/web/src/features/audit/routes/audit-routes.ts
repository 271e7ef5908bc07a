/** The audit screens' client routes, mounted by app/router.tsx under the signed-in pages. */
import type { RouteObject } from 'react-router';

// The frame and each page are loaded when first opened: a representative's browser never
// downloads them.
export const auditRoute: RouteObject = {
  path: 'audit',
  lazy: async () => ({ Component: (await import('./audit-layout')).AuditLayout }),
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./audit-log-route')).AuditLogRoute }),
    },
    {
      path: 'situations/:situationId',
      lazy: async () => ({ Component: (await import('./access-report-route')).AccessReportRoute }),
    },
    {
      path: 'person-report',
      lazy: async () => ({ Component: (await import('./person-report-route')).PersonReportRoute }),
    },
    {
      path: 'verify',
      lazy: async () => ({ Component: (await import('./verify-route')).VerifyRoute }),
    },
  ],
};
