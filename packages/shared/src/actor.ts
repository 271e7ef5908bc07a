/**
 * The signed-in person as the access policy sees them, made from the profile the API returned
 * (`Me`, in `auth.ts`). Apart from `auth.ts`'s schemas, so that the web's session, in the first
 * download, can make it without loading zod.
 */
import type { Actor } from './access-policy';
import type { Me } from './auth';

/** The acting person as the access policy sees them, from the profile the API returned. */
export function actorFromMe(me: Me): Actor {
  return {
    userId: me.user.id,
    agencyId: me.agency?.id ?? null,
    isAdministrator: me.user.isAdministrator,
    secondFactor: me.session.secondFactor,
    memberships: me.memberships.map((m) => ({
      tableId: m.table.id,
      role: m.role,
      agreementAccepted: m.agreement.accepted,
    })),
  };
}
