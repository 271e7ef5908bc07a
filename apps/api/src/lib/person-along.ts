/**
 * The acting person read inside a route's own statement (#12: the situation list in one round
 * trip). The authentication plugin has verified the token but not read the person; it hands the
 * route the person's SELECT to carry in its statement, and `admit` to turn the row that comes back
 * into the actor — refusing exactly as it would have refused before the handler (401 for a token
 * that no longer stands, the coarse permission check) — and to record them on the request, so that
 * a denial is audited with who was denied. Until `admit` succeeds there is no actor: a handler
 * that never admits answers 401 (requireActor), never data.
 */
import type { Actor } from '@fourfold/shared/access-policy';
import type { RawBuilder } from 'kysely';

/** The person's row as the query returns it; only `admit` reads it. */
export type PersonAlongRow = { readonly personAlong: unique symbol };

export type PersonAlong = {
  /** One SELECT of one row (or none): the person, their session and memberships, read now. */
  query: RawBuilder<PersonAlongRow>;
  /** The actor, or the refusal thrown; call it before using anything the statement read. */
  admit(person: PersonAlongRow | null | undefined): Actor;
};
