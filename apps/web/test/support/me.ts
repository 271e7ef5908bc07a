/** The signed-in person the session tests restore and sign in: a member of no table, no agency. */
import type { Me } from '@fourfold/shared/auth';

export function meOf(id: string, email: string): Me {
  return {
    user: {
      id,
      email,
      displayName: 'Pat Police',
      isAdministrator: false,
      secondFactorEnabled: false,
    },
    agency: null,
    memberships: [],
    session: { secondFactor: false },
  };
}
