/**
 * Identifiers are canonical: a situation id in capitals names the same situation, and a value
 * written through it is sealed against the stored row's id, so it opens through every form of the
 * URL. Values sealed against a capitalised id before this fix are repaired by `identity:rekey`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityVault, keyRingFrom, sealContext } from '../../../src/lib/identity-vault';
import { caseFormsOf, rekeyIdentityData } from '../../../src/modules/situations/rekey.service';
import {
  TEST_IDENTITY_KEY,
  closeTestApp,
  createTestApp,
  type TestApp,
} from '../../helpers/test-app';
import {
  IDENTITY,
  NOTE_TEXT,
  SituationClient,
  createCast,
  expectNoLeaksIn,
  situationAt,
  type Cast,
} from '../../helpers/situations';

describe('canonical situation ids', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  it('answers an id in capitals as the same situation, in canonical form', async () => {
    const id = await situationAt(client, cast, 'draft');
    const res = await client.get('originating', `/api/situations/${id.toUpperCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(id);
    const list = await client.get(
      'originating',
      `/api/tables/${cast.tableId.toUpperCase()}/situations`,
    );
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('seals identity and notes written through a capitalised id against the stored id', async () => {
    const id = await situationAt(client, cast, 'filter4', { identity: false });
    const upper = id.toUpperCase();
    const changed = { ...IDENTITY, address: '7 Juniper Lane, Testville' };
    const written = await client.call('originating', 'PUT', `/api/situations/${upper}/identity`, {
      payload: changed,
      ifMatch: await client.etag(id),
    });
    expect(written.statusCode).toBe(200);
    const note = await client.call('lead', 'POST', `/api/situations/${upper}/notes`, {
      payload: { body: NOTE_TEXT },
      ifMatch: await client.etag(id),
    });
    expect(note.statusCode).toBe(201);

    // Read through the canonical URL (which failed with 500 before) and the capitalised one.
    for (const form of [id, upper]) {
      const identity = await client.get('lead', `/api/situations/${form}/identity`);
      expect(identity.statusCode).toBe(200);
      expect(identity.json().address).toBe(changed.address);
      const notes = await client.get('lead', `/api/situations/${form}/notes`);
      expect(notes.statusCode).toBe(200);
      expect(notes.json().items.map((n: { body: string }) => n.body)).toEqual([NOTE_TEXT]);
    }
    // The audit log names the situation by its canonical id.
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('situation_id')
      .where('action', '=', 'situation.identity.view')
      .where('situation_id', '=', id)
      .execute();
    expect(audited).toHaveLength(2);
  });

  it('identity:rekey re-seals values bound to a capitalised or mixed-case id', async () => {
    const id = await situationAt(client, cast, 'filter4', { identity: false });
    const vault = createIdentityVault(keyRingFrom(TEST_IDENTITY_KEY));
    // What the API stored before ids were canonical: authenticated data with the URL's string.
    const upper = id.toUpperCase();
    const mixed = [...caseFormsOf(id)][5]!;
    expect(mixed).not.toBe(id);
    const identity = vault.sealJson(IDENTITY, sealContext.identity(upper));
    await t.database.db
      .insertInto('situation_identity')
      .values({
        situation_id: id,
        key_id: identity.keyId,
        sealed: identity.sealed,
        updated_by: cast.users.originating.id,
      })
      .execute();
    const noteId = crypto.randomUUID();
    const note = vault.seal(NOTE_TEXT, sealContext.note(mixed, noteId));
    await t.database.db
      .insertInto('intervention_note')
      .values({
        id: noteId,
        situation_id: id,
        agency_id: cast.agencies.lead,
        author_id: cast.users.lead.id,
        key_id: note.keyId,
        sealed: note.sealed,
      })
      .execute();
    // Unreadable through the canonical id as stored: the damage this repairs.
    expect(() => vault.openJson(identity, sealContext.identity(id))).toThrow();

    const result = await rekeyIdentityData(t.database.db, keyRingFrom(TEST_IDENTITY_KEY));
    expect(result).toMatchObject({ repaired: 2, unreadable: 0 });

    const opened = await client.get('lead', `/api/situations/${id}/identity`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().people).toEqual(IDENTITY.people);
    const notes = await client.get('lead', `/api/situations/${id}/notes`);
    expect(notes.json().items.map((n: { body: string }) => n.body)).toEqual([NOTE_TEXT]);
    // A second run has nothing left to repair or re-seal.
    expect(await rekeyIdentityData(t.database.db, keyRingFrom(TEST_IDENTITY_KEY))).toMatchObject({
      identities: 0,
      notes: 0,
      repaired: 0,
      unreadable: 0,
    });
  });

  it('lists every letter-case form of an id, the canonical and upper-case ones first', () => {
    const forms = [...caseFormsOf('0a0b0000-0000-4000-8000-00000000000c')];
    expect(forms.slice(0, 2)).toEqual([
      '0a0b0000-0000-4000-8000-00000000000c',
      '0A0B0000-0000-4000-8000-00000000000C',
    ]);
    expect(new Set(forms).size).toBe(8);
  });

  it('let no personal value out in any response of this file', () => {
    expectNoLeaksIn(client.responses);
  });
});
