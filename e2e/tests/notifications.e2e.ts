/**
 * Notifications in the browser: the table assigns a situation (through the API, as the situation
 * workflow test does it through the pages); the lead agency's representative sees the unread
 * count in the header, opens the list on a 360 px wide screen, follows nothing identifying, marks
 * one and then all as read, and finds the e-mail (in the outbox) with the reference and no summary.
 */
import { describe, expect } from 'vitest';
import { inject } from 'vitest';
import { expectRenderedAndAccessible, test } from '../support/browser';
import { mailsTo } from '../support/outbox';
import { DEMO_PASSWORD, signInAs } from '../support/sign-in';
import { openSiteMenu } from '../support/site-menu';

const SUMMARY = 'An adult in arrears has been threatened with eviction and stopped answering.';

type Session = { token: string; tableId: string };

async function api(
  session: Session | null,
  method: string,
  path: string,
  body?: unknown,
  ifMatch?: string,
) {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch) headers['if-match'] = ifMatch;
  const res = await fetch(`${inject('baseUrl')}/api${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return {
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    etag: res.headers.get('etag') ?? '',
  };
}

async function login(email: string): Promise<Session> {
  const { json } = await api(null, 'POST', '/auth/login', { email, password: DEMO_PASSWORD });
  const me = json.me as { memberships: Array<{ table: { id: string; name: string } }> };
  const riverside = me.memberships.find((m) => m.table.name === 'Riverside Situation Table');
  return { token: json.accessToken as string, tableId: riverside!.table.id };
}

describe('notifications', () => {
  test(
    'the lead agency learns of its assignment in the header, the list and by e-mail',
    { timeout: 120_000 },
    async ({ page }) => {
      const police = await login('police@riverside.demo');
      const chair = await login('chair@riverside.demo');
      const table = await api(chair, 'GET', `/tables/${chair.tableId}`);
      const agencies = table.json.agencies as Array<{ id: string; name: string }>;
      const agencyId = (name: string) => agencies.find((a) => a.name === name)!.id;
      const mentalHealth = agencyId('Riverside Mental Health and Addictions');
      const housing = agencyId('Riverside Housing Help Centre');

      const created = await api(police, 'POST', `/tables/${police.tableId}/situations`, {
        situationType: 'individual',
        ageBand: '40_59',
        gender: 'male',
        riskFactors: ['alcohol.abuse', 'antisocial.threats'],
        protectiveFactors: [],
        studyFlags: [],
        summary: SUMMARY,
        filter1: {
          agencyExhaustedOptions: true,
          significantInterest: true,
          probabilityOfHarm: true,
          severityOfHarm: true,
          multipleAgenciesNeeded: true,
        },
      });
      const id = created.json.id as string;
      const reference = created.json.reference as string;
      const submitted = await api(
        police,
        'POST',
        `/situations/${id}/submit`,
        undefined,
        created.etag,
      );
      const decided = await api(
        chair,
        'POST',
        `/situations/${id}/decision`,
        { outcome: 'accepted', agenciesPresent: [mentalHealth, housing] },
        submitted.etag,
      );
      await api(
        chair,
        'POST',
        `/situations/${id}/assignment`,
        { leadAgencyId: mentalHealth, assistingAgencyIds: [housing] },
        decided.etag,
      );

      await page.setViewportSize({ width: 360, height: 740 });
      await signInAs(page, 'mentalhealth@riverside.demo');
      const header = page.getByRole('banner');
      const link = header.getByRole('link', { name: /^Notifications, \d+ unread$/ });
      await openSiteMenu(page);
      await link.click();
      await page.locator('main h1', { hasText: 'Notifications' }).waitFor();
      await expectRenderedAndAccessible(page);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const list = page.getByRole('list', { name: 'Your notifications, newest first' });
      await list.getByRole('link', { name: `Situation ${reference}` }).waitFor();
      expect(await page.locator('main').textContent()).not.toContain(SUMMARY);

      await list
        .getByRole('button', { name: `Mark as read: Your agency is the lead agency ${reference}` })
        .click();
      await page.getByRole('status').getByText(`Marked as read: ${reference}.`).waitFor();
      // The button is gone: focus is on the situation's link, not lost to the page.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        `Situation ${reference}`,
      );
      const markAll = page.getByRole('button', { name: 'Mark all as read' });
      if (await markAll.isEnabled()) {
        await markAll.click();
        await page.getByRole('status').getByText('All notifications marked as read.').waitFor();
      }
      // The menu closed on the way to the page; it opens on the count, now none.
      await openSiteMenu(page);
      await header.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
      await expectRenderedAndAccessible(page);

      await page.getByRole('button', { name: 'Français' }).click();
      await header.getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
      await page.getByRole('link', { name: `Situation ${reference}` }).waitFor();
      await expectRenderedAndAccessible(page);

      // The e-mail went after the commit (LISTEN): reference and link, no summary.
      let mail: { text: string; subject: string } | undefined;
      for (let tries = 0; tries < 100 && !mail; tries += 1) {
        mail = (await mailsTo('mentalhealth@riverside.demo')).find((m) =>
          m.text.includes(reference),
        );
        if (!mail) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(mail?.subject).toContain(reference);
      expect(mail?.text).toContain(`/situations/${id}`);
      expect(mail?.text).not.toContain(SUMMARY);
    },
  );
});
