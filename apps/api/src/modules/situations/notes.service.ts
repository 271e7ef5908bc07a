/**
 * Intervention notes (filter 4): what the lead, assisting and originating agencies share to plan
 * and carry out the intervention. Sealed like identity, each bound to its situation and note id;
 * every write and every read is recorded in the audit log in its own transaction. Notes are
 * destroyed with the identity when retention ends (see retention.service.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@fourfold/shared/access-policy';
import type { InterventionNote, Situation } from '@fourfold/shared/situations';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { sealContext, type IdentityVault } from '../../lib/identity-vault';
import { recordAudit } from '../audit/audit.service';
import * as identityRepo from './identity.repository';
import { checkRead, checkWrite, loadSituation } from './situation-access';
import { auditEventOf, commitWrite, type WriteContext } from './situation-writes';
import { iso } from '../../lib/iso';

export function createNotesService({ db, vault }: { db: Kysely<DB>; vault: IdentityVault }) {
  return {
    async write(
      actor: Actor,
      situationId: string,
      body: string,
      ctx: WriteContext,
    ): Promise<Situation> {
      const loaded = await loadSituation(db, situationId);
      checkWrite(actor, loaded, 'situation.writeNotes', 'writeNote', ctx.ifMatch);
      // Sealed against the stored row's id, never the string from the URL.
      const { id } = loaded.row;
      const noteId = randomUUID();
      const sealed = vault.seal(body, sealContext.note(id, noteId));
      return commitWrite(
        db,
        actor,
        loaded,
        ctx,
        { action: 'situation.note.create', dataCategory: 'intervention' },
        {},
        (trx) =>
          identityRepo.insertSealedNote(trx, {
            id: noteId,
            situationId: id,
            // The policy lets only a lead, assisting or originating agency's member write.
            agencyId: actor.agencyId!,
            authorId: actor.userId,
            keyId: sealed.keyId,
            sealed: sealed.sealed,
          }),
      );
    },

    async read(
      actor: Actor,
      situationId: string,
      ctx: { requestId: string },
    ): Promise<{ items: InterventionNote[] }> {
      const loaded = await loadSituation(db, situationId);
      checkRead(actor, loaded, 'situation.readNotes');
      const { id } = loaded.row;
      return db.transaction().execute(async (trx) => {
        const rows = await identityRepo.sealedNotesOf(trx, id);
        const items = rows.map((row) => ({
          id: row.id,
          body: vault.open({ keyId: row.key_id, sealed: row.sealed }, sealContext.note(id, row.id)),
          agency: { id: row.agency_id, name: row.agency_name },
          author: { displayName: row.author_name },
          createdAt: iso(row.created_at),
        }));
        await recordAudit(
          trx,
          auditEventOf(actor, loaded.row.table_id, id, ctx.requestId, {
            action: 'situation.note.view',
            dataCategory: 'intervention',
          }),
        );
        return { items };
      });
    },
  };
}

export type NotesService = ReturnType<typeof createNotesService>;
