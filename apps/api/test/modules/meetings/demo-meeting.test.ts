import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDetailSchema, meetingListSchema } from '@fourfold/shared/meetings';
import { DEMO_PASSWORD, seedDemoData } from '../../../src/db/demo-data';
import { signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('the demo meeting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect(await seedDemoData(t.database.db)).toBe(true);
  });
  afterAll(async () => closeTestApp(t));

  it('is on the chair’s home page (today, or the next meeting day) and opens with an agenda in every section', async () => {
    const chair = await signIn(t.app, 'chair@riverside.demo', DEMO_PASSWORD);
    // The next meeting day is at most a week away.
    const home = await t.app.inject({
      method: 'GET',
      url: '/api/meetings',
      headers: chair.headers,
    });
    expect(home.statusCode).toBe(200);
    const [meeting, ...others] = meetingListSchema.parse(home.json()).items;
    expect(others).toEqual([]);
    expect(meeting).toMatchObject({ tableName: 'Riverside Situation Table', status: 'scheduled' });

    const opened = await t.app.inject({
      method: 'POST',
      url: `/api/meetings/${meeting!.id}/open`,
      headers: { ...chair.headers, 'if-match': `"${meeting!.version}"` },
    });
    expect(opened.statusCode).toBe(200);
    const detail = meetingDetailSchema.parse(opened.json());
    expect(detail.agenda.map((item) => [item.section, item.stage])).toEqual([
      ['report_back', 'filter4'],
      ['report_back', 'filter3'],
      // The situation with an overdue first contact (db/demo-interventions.ts).
      ['report_back', 'filter4'],
      ['new', 'filter2'],
      ['new', 'filter2'],
      ['ready_to_close', 'filter4'],
    ]);
    expect(detail.attendance).toHaveLength(8);
    // A newcomer sees the 48-hour clock at work: one item carries an overdue first contact.
    const overdue = detail.agenda.flatMap((item) =>
      item.restricted ? [] : item.actionItems.filter((action) => action.overdue),
    );
    expect(overdue.map((action) => action.kind)).toEqual(['first_contact']);
  });
});
