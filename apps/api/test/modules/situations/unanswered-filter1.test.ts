/**
 * A draft may be saved before its five Filter 1 questions are answered (issue #11): the answers
 * are stored as null, shown back as null, and presenting is refused while any is not "yes",
 * naming each question. Only a draft may hold an unanswered question; the database says so too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { situationSchema } from '@fourfold/shared/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { SituationClient, createCast, draftBody, type Cast } from '../../helpers/situations';

const unanswered = {
  agencyExhaustedOptions: null,
  significantInterest: null,
  probabilityOfHarm: null,
  severityOfHarm: null,
  multipleAgenciesNeeded: null,
};

describe('a draft with Filter 1 not yet answered', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  const create = (filter1: Record<string, boolean | null>) =>
    client.call('originating', 'POST', `/api/tables/${cast.tableId}/situations`, {
      payload: draftBody({ filter1 }),
    });

  it('is saved with every answer null, and the view shows them as null', async () => {
    const created = await create(unanswered);
    expect(created.statusCode).toBe(201);
    const draft = situationSchema.parse(created.json());
    expect(draft.filter1).toEqual(unanswered);

    const read = await client.get('originating', `/api/situations/${draft.id}`);
    expect(read.statusCode).toBe(200);
    expect(situationSchema.parse(read.json()).filter1).toEqual(unanswered);
    const row = await t.database.db
      .selectFrom('situation')
      .select(['filter1_significant_interest', 'filter1_agency_exhausted_options'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      filter1_significant_interest: null,
      filter1_agency_exhausted_options: null,
    });
  });

  it('takes questions left out as not answered, and keeps the answers given', async () => {
    const created = await create({ significantInterest: true, severityOfHarm: false });
    expect(created.statusCode).toBe(201);
    expect(situationSchema.parse(created.json()).filter1).toEqual({
      ...unanswered,
      significantInterest: true,
      severityOfHarm: false,
    });
  });

  it('is updated to and from unanswered questions', async () => {
    const created = await create(draftBody().filter1);
    const id = created.json().id as string;

    const cleared = await client.write(
      'originating',
      'PUT',
      id,
      '',
      draftBody({ filter1: { ...draftBody().filter1, probabilityOfHarm: null } }),
    );
    expect(cleared.statusCode).toBe(200);
    expect(situationSchema.parse(cleared.json()).filter1.probabilityOfHarm).toBeNull();

    const answered = await client.write('originating', 'PUT', id, '', draftBody());
    expect(answered.statusCode).toBe(200);
    expect(situationSchema.parse(answered.json()).filter1.probabilityOfHarm).toBe(true);
  });

  it('is refused for an answer that is neither yes, no nor unanswered', async () => {
    const res = await create({ ...unanswered, severityOfHarm: 'maybe' as unknown as boolean });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([
      expect.objectContaining({ path: 'filter1.severityOfHarm' }),
    ]);
  });

  it('cannot be presented: 422 names every question not yet answered "yes"', async () => {
    const created = await create({ ...draftBody().filter1, severityOfHarm: null });
    const id = created.json().id as string;
    // Answered "no" and not answered at all are both in the way, each named.
    await client.write(
      'originating',
      'PUT',
      id,
      '',
      draftBody({
        filter1: {
          ...unanswered,
          significantInterest: true,
          probabilityOfHarm: true,
          multipleAgenciesNeeded: false,
        },
      }),
    );
    const refused = await client.write('originating', 'POST', id, '/submit');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('VALIDATION_FAILED');
    expect(refused.json().invalidParams.map((p: { path: string }) => p.path)).toEqual([
      'filter1.agencyExhaustedOptions',
      'filter1.severityOfHarm',
      'filter1.multipleAgenciesNeeded',
    ]);
    const still = await client.get('originating', `/api/situations/${id}`);
    expect(still.json()).toMatchObject({ stage: 'draft', version: 2 });

    // Once all five are "yes", it is presented.
    expect((await client.write('originating', 'PUT', id, '', draftBody())).statusCode).toBe(200);
    const presented = await client.write('originating', 'POST', id, '/submit');
    expect(presented.statusCode).toBe(200);
    expect(presented.json()).toMatchObject({ stage: 'filter2', filter1: draftBody().filter1 });
  });

  it('is the only stage the database lets hold an unanswered question', async () => {
    const created = await create({ ...draftBody().filter1, probabilityOfHarm: null });
    const id = created.json().id as string;
    await expect(
      t.database.db
        .updateTable('situation')
        .set({ stage: 'filter2' })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/situation_filter1_answered/);
  });
});
