import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomySchema } from '@fourfold/shared/taxonomy';
import { createAgency, createUser, signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('GET /api/taxonomy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => closeTestApp(t));

  it('answers the code lists with English and French labels to a signed-in person', async () => {
    const agency = await createAgency(t.database.db);
    const user = await createUser(t.database.db, { agencyId: agency.id });
    const { headers } = await signIn(t.app, user.email);
    const res = await t.app.inject({ method: 'GET', url: '/api/taxonomy', headers });
    expect(res.statusCode).toBe(200);
    const body = taxonomySchema.parse(res.json());
    expect(body.sectors.find((entry) => entry.code === 'police')?.label).toEqual({
      en: 'Police',
      fr: 'Services policiers',
    });
    expect(body.riskCategories).toHaveLength(27);
  });

  it('refuses an anonymous caller', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/taxonomy' });
    expect(res.statusCode).toBe(401);
  });
});
