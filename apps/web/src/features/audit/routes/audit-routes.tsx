/** The audit screens' client routes, mounted by app/router.tsx under the signed-in pages. */
import type { RouteObject } from 'react-router';
import { AccessReportRoute } from './access-report-route';
import { AuditLayout } from './audit-layout';
import { AuditLogRoute } from './audit-log-route';
import { PersonReportRoute } from './person-report-route';
import { VerifyRoute } from './verify-route';

export const auditRoute: RouteObject = {
  path: 'audit',
  element: <AuditLayout />,
  children: [
    { index: true, element: <AuditLogRoute /> },
    { path: 'situations/:situationId', element: <AccessReportRoute /> },
    { path: 'person-report', element: <PersonReportRoute /> },
    { path: 'verify', element: <VerifyRoute /> },
  ],
};
