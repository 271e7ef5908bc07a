import { describe, expect, it } from 'vitest';
import { permissions } from '../src/access-policy';
import { AUDIT_ACTION_PATTERN, auditActions, auditReadActions } from '../src/audit';

describe('the audit actions', () => {
  it('include every permission: a refused request is recorded under the one it lacked', () => {
    for (const permission of permissions) expect(auditActions, permission).toContain(permission);
  });

  it('include the audit screens’ own reads', () => {
    for (const action of Object.values(auditReadActions)) expect(auditActions).toContain(action);
  });

  it('are each listed once, and each fits the database’s check on action codes', () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
    for (const action of auditActions) expect(action, action).toMatch(AUDIT_ACTION_PATTERN);
  });
});
