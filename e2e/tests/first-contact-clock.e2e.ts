/**
 * The 24–48 hour clock on the situation page, and concluding a situation nobody reached, as the
 * chair of Riverside (chair@riverside), in one browser:
 *
 * - the demo's situation whose first contact is overdue says so in words ("overdue by …"), in
 *   English and French, at 1280 and 360 px;
 * - two situations of this test's own, walked to filter 4 through the API (presented by
 *   police@riverside, accepted and assigned by the chair), show the time left; concluding one
 *   without a first contact asks why (a required no-contact reason), then asks for confirmation
 *   in a dialog that says the retention countdown starts: Cancel keeps the situation as it was,
 *   Conclude concludes it and the page says it was concluded without first contact. The first is
 *   concluded in English at 1280 px, the second in French at 360 px;
 * - in French, the overdue situation's new action item takes its due time as « 14 h 30 » (the
 *   interface's language, not the browser's), and refuses a time typed in part.
 *
 * axe runs on every state. Both situations end concluded, so they sit on no later meeting's agenda.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectRenderedAndAccessible, PHONE, test, visit } from '../support/browser';
import { api, apiLogin, type ApiSession } from '../support/api';
import { signInAs } from '../support/sign-in';

/** A situation presented by the police and assigned to mental health, with no first contact. */
async function situationAtFilter4(police: ApiSession, chair: ApiSession, tableId: string) {
  const table = (await api(chair.accessToken, 'GET', `/tables/${tableId}`)).json as {
    agencies: { id: string; name: string }[];
  };
  const mentalHealth = table.agencies.find((a) => a.name.includes('Mental Health'))!.id;
  const policeAgency = police.me.agency!.id;
  const created = await api(police.accessToken, 'POST', `/tables/${tableId}/situations`, {
    situationType: 'family',
    ageBand: '30_39',
    gender: 'multiple',
    riskFactors: ['alcohol.abuse', 'housing.homeless'],
    protectiveFactors: [],
    studyFlags: [],
    summary: 'A family facing eviction, with escalating conflict at home.',
    filter1: {
      agencyExhaustedOptions: true,
      significantInterest: true,
      probabilityOfHarm: true,
      severityOfHarm: true,
      multipleAgenciesNeeded: true,
    },
  });
  const { id, reference } = created.json as { id: string; reference: string };
  let etag = created.etag;
  const step = async (session: ApiSession, path: string, body?: unknown) => {
    etag = (await api(session.accessToken, 'POST', `/situations/${id}${path}`, body, etag)).etag;
  };
  await step(police, '/submit');
  await step(chair, '/decision', {
    outcome: 'accepted',
    agenciesPresent: [policeAgency, mentalHealth],
  });
  await step(chair, '/assignment', { leadAgencyId: mentalHealth, assistingAgencyIds: [] });
  return { id, reference };
}

async function settled(page: Page) {
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
  await expectRenderedAndAccessible(page);
}

/** The language, by the header's switch (shown at desktop width). */
async function switchTo(page: Page, language: 'Français' | 'English') {
  await page.getByRole('button', { name: language }).click();
  await page.locator(`html[lang="${language === 'Français' ? 'fr' : 'en'}"]`).waitFor();
}

type Words = {
  conclude: string;
  conclusion: string;
  conclusionLabel: string;
  reason: string;
  reasonLabel: string;
  noContact: string;
  missing: string;
  submit: string;
  dialog: (reference: string) => string;
  retention: RegExp;
  cancel: string;
  concluded: string;
  stopped: string;
  dueIn: RegExp;
  overdue: RegExp;
};

const WORDS: Record<'en' | 'fr', Words> = {
  en: {
    conclude: 'Conclude the situation',
    conclusion: 'Conclusion',
    conclusionLabel: 'Still acutely elevated – unable to locate',
    reason: 'Why was there no first contact?',
    reasonLabel: 'Person could not be located',
    noContact: 'No first contact: Person could not be located.',
    missing: 'Choose why there was no first contact.',
    submit: 'Conclude',
    dialog: (reference: string) => `Conclude ${reference}?`,
    retention: /The retention countdown starts: .* destroyed \d+ days? after conclusion\./,
    cancel: 'Cancel',
    concluded: 'Situation concluded.',
    stopped: 'Concluded without first contact',
    dueIn: /^First contact due in /,
    overdue: /^First contact overdue by /,
  },
  fr: {
    conclude: 'Conclure la situation',
    conclusion: 'Conclusion',
    conclusionLabel: 'Risque aigu élevé persistant – personne introuvable',
    reason: 'Pourquoi n’y a-t-il pas eu de premier contact?',
    reasonLabel: 'Personne introuvable',
    noContact: 'Sans premier contact : Personne introuvable.',
    missing: 'Choisissez pourquoi il n’y a pas eu de premier contact.',
    submit: 'Conclure',
    dialog: (reference: string) => `Conclure ${reference}?`,
    retention: /Le délai de conservation commence : .* détruits \d+ jours? après la conclusion\./,
    cancel: 'Annuler',
    concluded: 'Situation conclue.',
    stopped: 'Conclue sans premier contact',
    dueIn: /^Premier contact attendu dans /,
    overdue: /^Premier contact en retard de /,
  },
};

/** Concludes the situation on screen without a first contact, checking every state with axe. */
async function concludeWithoutContact(page: Page, reference: string, words: Words) {
  const clock = page.locator('main .first-contact-clock');
  await clock.getByText(words.dueIn).waitFor();
  const form = page.getByRole('region', { name: words.conclude });
  await form.getByLabel(words.conclusion, { exact: true }).selectOption({
    label: words.conclusionLabel,
  });
  // No first contact is recorded: the reason is asked for, and required.
  await form.getByRole('button', { name: words.submit, exact: true }).click();
  await form.getByText(words.missing).first().waitFor();
  await settled(page);
  await form.getByLabel(words.reason).selectOption({ label: words.reasonLabel });
  await form.getByRole('button', { name: words.submit, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: words.dialog(reference) });
  await dialog.getByText(words.retention).waitFor();
  await dialog.getByText(words.noContact, { exact: true }).waitFor();
  await settled(page);
  // Cancel keeps everything as it was.
  await dialog.getByRole('button', { name: words.cancel }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await form.getByLabel(words.reason).inputValue()).toBe('unable_to_locate');
  await clock.getByText(words.dueIn).waitFor();
  await settled(page);
  // Confirm concludes.
  await form.getByRole('button', { name: words.submit, exact: true }).click();
  await dialog.getByRole('button', { name: words.submit, exact: true }).click();
  await page.getByText(words.concluded).waitFor();
  await clock.getByText(words.stopped).waitFor();
  await page.locator('main dd').getByText(words.reasonLabel, { exact: true }).waitFor();
  await settled(page);
}

describe('the first-contact clock', () => {
  test(
    'shows the time left and overdue in words, and concluding without contact needs a reason and a confirmation',
    { timeout: 180_000 },
    async ({ page }) => {
      const [chair, police] = await Promise.all([
        apiLogin('chair@riverside.demo'),
        apiLogin('police@riverside.demo'),
      ]);
      const tableId = chair.me.memberships[0]!.table.id;
      const mine = [
        await situationAtFilter4(police, chair, tableId),
        await situationAtFilter4(police, chair, tableId),
      ];
      const list = (
        await api(chair.accessToken, 'GET', `/tables/${tableId}/situations?stage=filter4&limit=100`)
      ).json as {
        items: { id: string; firstContactDueAt: string | null; firstContactAt: string | null }[];
      };
      const overdue = list.items.find(
        (item) =>
          item.firstContactAt === null &&
          item.firstContactDueAt !== null &&
          new Date(item.firstContactDueAt).getTime() < Date.now(),
      );
      expect(overdue, 'the demo has a situation whose first contact is overdue').toBeDefined();

      await signInAs(page, 'chair@riverside.demo');
      // Overdue, in words (not only in colour), with the due time.
      await visit(page, `/situations/${overdue!.id}`);
      const clock = page.locator('main .first-contact-clock');
      await clock.getByText(WORDS.en.overdue).waitFor();
      await clock.getByText(/\(due /).waitFor();
      await settled(page);

      const [first, second] = mine as [(typeof mine)[0], (typeof mine)[0]];
      await visit(page, `/situations/${first.id}`);
      await concludeWithoutContact(page, first.reference, WORDS.en);

      // In French, at a phone's width.
      await switchTo(page, 'Français');
      await page.getByText(WORDS.fr.stopped).first().waitFor();
      await settled(page);
      await page.setViewportSize(PHONE);
      await settled(page);
      await visit(page, `/situations/${overdue!.id}`);
      await clock.getByText(WORDS.fr.overdue).waitFor();
      await settled(page);
      // Dates and times follow the interface language, not the browser's (en-CA here): a new
      // action item's due time reads « 14 h 30 », and a time typed in part is refused, not dropped.
      const add = page.getByRole('form', { name: 'Ajouter une mesure' });
      const due = add.getByRole('group', { name: 'Échéance', exact: true });
      const time = due.getByLabel('Heure', { exact: true });
      expect(await time.inputValue()).toMatch(/^\d{2} h \d{2}$/);
      await add.getByLabel('Ce qui doit être fait').fill('Appeler le médecin de famille');
      await time.fill('14 h 3');
      await add.getByRole('button', { name: 'Ajouter la mesure' }).click();
      await due.getByText('Entrez la date et l’heure d’échéance.').waitFor();
      await settled(page);
      await time.fill('14 h 30');
      await add.getByRole('button', { name: 'Ajouter la mesure' }).click();
      await page.getByText('Mesure ajoutée.').first().waitFor();
      await settled(page);
      await visit(page, `/situations/${second.id}`);
      await concludeWithoutContact(page, second.reference, WORDS.fr);
    },
  );
});
