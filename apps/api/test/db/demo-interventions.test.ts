// The demo data's situation at filter 4: its first contact is overdue and it has one open task,
// both shown to the lead agency through the API as any other.
import { actionItemListSchema } from '@fourfold/shared/action-items';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoData } from '../../src/db/demo-data';
import { signIn } from '../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

describe('demo intervention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect(await seedDemoData(t.database.db)).toBe(true);
  });
  afterAll(async () => closeTestApp(t));

  it('has an overdue first contact for the lead agency and an open task for the assisting one', async () => {
    const lead = await signIn(t.app, 'mentalhealth@riverside.demo', DEMO_PASSWORD);
    const overdue = await t.app.inject({
      method: 'GET',
      url: '/api/action-items?overdue=true',
      headers: lead.headers,
    });
    expect(overdue.statusCode).toBe(200);
    expect(actionItemListSchema.parse(overdue.json()).items).toMatchObject([
      { kind: 'first_contact', overdue: true, status: 'open' },
    ]);
    const situationId = actionItemListSchema.parse(overdue.json()).items[0]!.situationId;
    const situation = await t.app.inject({
      method: 'GET',
      url: `/api/situations/${situationId}`,
      headers: lead.headers,
    });
    expect(situation.json()).toMatchObject({ stage: 'filter4' });

    const housing = await signIn(t.app, 'housing@riverside.demo', DEMO_PASSWORD);
    const tasks = await t.app.inject({
      method: 'GET',
      url: '/api/action-items',
      headers: housing.headers,
    });
    expect(actionItemListSchema.parse(tasks.json()).items).toMatchObject([
      { kind: 'task', overdue: false },
    ]);
  });
});
