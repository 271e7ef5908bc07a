/**
 * One situation from draft to conclusion, the Four Filter way, with each person in their own
 * browser session, and axe on every page on the way:
 *
 * - police@riverside (originating agency) drafts it, with an identity, and presents it;
 * - chair@riverside (coordinator, Riverside Social Services) records the filter-2 decision with
 *   Social Services among the agencies present, then assigns the lead and assisting agencies;
 * - mentalhealth@riverside (the lead) declares involvement, views identity, writes a note and
 *   records the first contact; housing@riverside (assisting) views identity; the chair concludes.
 *
 * At every stage two people who must never learn who this is are checked: school@riverside, an
 * agency at the table that is not involved, and police@northgate, a member of another table. The
 * name, date of birth and address must not appear in their page (text or markup), and no API
 * answer their browser receives may carry them. The chair doubles as the "present at the decision
 * but not assigned" case: identity at filter 3, none from filter 4.
 *
 * Users are chosen so that no other test's changes matter: cas@ and hospital@ belong to the
 * account test (password, two-step verification), admin@ and privacy@ to theirs; police@ is only
 * signed in and out elsewhere. The situation is this test's own, found by its reference.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, test } from '../support/browser';
import { fillDateParts } from '../support/date-parts';
import { DEMO_PASSWORD, fillSignInForm, signInAs } from '../support/sign-in';

const GIVEN = 'Zephyrine';
const FAMILY = 'Quillfeather';
const DATE_OF_BIRTH = '2009-03-27';
const ADDRESS = '77 Larkspur Crescent, Riverside';
const NOTE = 'Door knock planned with housing for Thursday morning.';
/** Every way the identity could show: names, the date as typed and as the app writes it, address. */
const IDENTITY = [
  GIVEN,
  FAMILY,
  DATE_OF_BIRTH,
  'March 27, 2009',
  '27 mars 2009',
  'Larkspur',
] as const;

const SAVE_SCREENSHOTS = process.env.SITUATION_SCREENSHOTS === '1';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);

/** A signed-in person in a browser context of their own. */
type Session = {
  email: string;
  page: Page;
  /** Uncaught exceptions and CSP refusals, as the shared fixture records them. */
  problems: string[];
  /** API answers that carried any of `forbidden`. */
  leaks: string[];
  reading: Array<Promise<void>>;
};

async function openSession(
  browser: Browser,
  email: string,
  forbidden: readonly string[] = [],
): Promise<Session> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    locale: 'en-CA',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const session: Session = { email, page, problems: [], leaks: [], reading: [] };
  page.on('pageerror', (error) => session.problems.push(`Uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|apply|execute)/i.test(message.text())) {
      session.problems.push(`CSP: ${message.text()}`);
    }
  });
  if (forbidden.length > 0) {
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/')) return;
      session.reading.push(
        withTimeout(response.text()).then(
          (body) => {
            for (const value of forbidden) {
              if (body.includes(value)) session.leaks.push(`${response.url()} carried "${value}"`);
            }
          },
          () => undefined,
        ),
      );
    });
  }
  // The sign-in and home pages are checked with axe for the first person (signInAs); the others
  // only pass through them, which keeps this long test within its time.
  await page.goto('/sign-in');
  await fillSignInForm(page, email, DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return session;
}

/** A response body, or nothing if it never completes (an aborted request). */
function withTimeout(body: Promise<string>): Promise<string> {
  return Promise.race([
    body,
    new Promise<string>((resolve) => setTimeout(() => resolve(''), 5_000)),
  ]);
}

/** The page has finished loading what it shows: no loading message left. */
async function settled(page: Page) {
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
}

/**
 * Checks the page as it is now: loaded, no page problems, and — for each new state of a page —
 * no serious axe violation. `axe: false` is for a page whose very state was already checked (the
 * same screen again at a later stage), which keeps this long test within its time.
 */
async function check(session: Session, { axe = true }: { axe?: boolean } = {}) {
  await settled(session.page);
  if (axe) await expectRenderedAndAccessible(session.page);
  else await session.page.locator('main h1').waitFor();
  expect(session.problems, session.email).toEqual([]);
}

async function openSituation(
  session: Session,
  situationId: string,
  reference: string,
  options: { axe?: boolean } = {},
) {
  await session.page.goto(`/situations/${situationId}`);
  await session.page.locator('main h1', { hasText: reference }).waitFor();
  await session.page.getByRole('heading', { name: 'De-identified facts' }).waitFor();
  await check(session, options);
}

async function openTable(session: Session, tableId: string, options: { axe?: boolean } = {}) {
  await session.page.goto(`/tables/${tableId}`);
  await session.page.locator('main h1').waitFor();
  await check(session, options);
}

/** Nothing of the identity (or of `alsoForbidden`) in the page, its markup or its API answers. */
async function expectNothingIdentifying(session: Session, alsoForbidden: readonly string[] = []) {
  await settled(session.page);
  await Promise.all(session.reading);
  const text = await session.page.locator('body').innerText();
  const markup = await session.page.content();
  for (const value of [...IDENTITY, ...alsoForbidden]) {
    expect(text, `${session.email} sees "${value}"`).not.toContain(value);
    expect(markup, `${session.email} has "${value}" in the page`).not.toContain(value);
  }
  expect(session.leaks, session.email).toEqual([]);
  expect(await session.page.getByRole('button', { name: 'Show identity' }).count()).toBe(0);
}

/** Asks for identity as a person would: the audit notice, a purpose, then the protected panel. */
async function showIdentity(session: Session, purpose: string, options: { axe?: boolean } = {}) {
  const { page } = session;
  const panel = page.getByRole('region', { name: 'Protected – identifying information' });
  await panel.getByRole('button', { name: 'Show identity' }).click();
  await panel
    .getByText('Viewing identity is recorded in the audit log with your name, agency and the time.')
    .waitFor();
  await panel.getByLabel('Why do you need it? (optional)').fill(purpose);
  await panel.getByRole('button', { name: 'Show identity' }).click();
  await panel.getByText(`${GIVEN} ${FAMILY}`).waitFor();
  await panel.getByText('Born March 27, 2009').waitFor();
  await panel.getByText(ADDRESS).waitFor();
  await check(session, options);
}

describe('a situation through the Four Filter process', () => {
  test(
    'is drafted, presented, accepted, assigned, worked and concluded; identity reaches only those the rules allow',
    { timeout: 300_000 },
    async ({ page }) => {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      });
      try {
        await run(browser, page);
      } finally {
        await browser.close();
      }
    },
  );
});

async function run(browser: Browser, policePage: Page) {
  // --- Filter 1: the originating agency drafts the situation ---------------------------------
  const police: Session = {
    email: 'police@riverside.demo',
    page: policePage,
    problems: [],
    leaks: [],
    reading: [],
  };
  await signInAs(policePage, police.email);
  await policePage
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('link', { name: 'Situation tables' })
    .click();
  await policePage.locator('main h1', { hasText: 'Situation tables' }).waitFor();
  await check(police);
  await policePage.getByRole('link', { name: 'Riverside Situation Table' }).click();
  await policePage.locator('main h1', { hasText: 'Riverside Situation Table' }).waitFor();
  const tableId = new URL(policePage.url()).pathname.split('/')[2] ?? '';
  await check(police);

  await policePage.getByRole('link', { name: 'New situation' }).click();
  await policePage.locator('main h1', { hasText: 'New situation' }).waitFor();
  const form = policePage.locator('main form');
  await form.getByLabel('Situation type').waitFor();
  for (const question of [
    /important at stake/,
    /harm likely/,
    /harm be serious/,
    /more than one agency/,
    /everything it can do alone/,
  ]) {
    await form.getByRole('group', { name: question }).getByLabel('Yes').check();
  }
  await form.getByLabel('Situation type').selectOption({ label: 'Individual' });
  await form.getByLabel('Age band').selectOption({ label: '16–17' });
  await form.getByLabel('Gender').selectOption({ label: 'Female' });
  // The risk-factor picker: filtered by typing, counted live.
  const riskFactors = form.getByRole('group', { name: 'Risk factors' });
  const filter = riskFactors.getByLabel('Filter the list: Risk factors');
  await filter.fill('alcohol');
  await riskFactors.getByLabel('Alcohol use by person', { exact: true }).check();
  await filter.fill('housing');
  await riskFactors.getByLabel('Transient or homeless', { exact: true }).check();
  await riskFactors.getByLabel('Unsafe or inadequate housing', { exact: true }).check();
  await riskFactors.getByRole('status').getByText('3 selected').waitFor();
  await filter.fill('');
  // The identity, in its own protected section.
  const identity = form.getByRole('region', { name: 'Protected – identifying information' });
  await identity.getByLabel('Given name').fill(GIVEN);
  await identity.getByLabel('Family name').fill(FAMILY);
  await fillDateParts(identity, 'Date of birth (optional)', DATE_OF_BIRTH);
  await identity.getByLabel('Address (optional)').fill(ADDRESS);
  // The summary is checked while typing: a name of this situation and a phone number are caught.
  const summary = form.getByLabel('De-identified summary');
  await summary.fill(`${GIVEN} was reached at 613-555-0199 after leaving the shelter.`);
  await form
    .getByText('2 possible pieces of personal information found.', { exact: false })
    .waitFor();
  await form.getByText('Name of a person in this situation at characters 1–9').waitFor();
  await form.getByText(/^Phone number at characters \d+–\d+$/).waitFor();
  await check(police);
  await form.getByRole('button', { name: 'Save draft' }).click();
  await form
    .getByRole('alert')
    .getByRole('link', { name: 'Remove the personal information from the summary.' })
    .waitFor();
  await summary.fill(
    'A young person without stable housing, drinking heavily, has left the shelter and stopped attending school.',
  );
  await form.getByText('No personal information found.').waitFor();
  await check(police);
  if (SAVE_SCREENSHOTS) {
    await policePage.screenshot({
      path: new URL('situation-form.png', ARTIFACTS).pathname,
      fullPage: true,
    });
  }
  await form.getByRole('button', { name: 'Save draft' }).click();
  await policePage.waitForURL(/\/situations\/[0-9a-f-]{36}$/);
  const situationId = new URL(policePage.url()).pathname.split('/')[2] ?? '';
  await policePage.getByText('Draft saved.', { exact: false }).waitFor();
  const heading = (await policePage.locator('main h1').textContent()) ?? '';
  const reference = /[A-Z]{3}-\d{4}-\d{4}/.exec(heading)?.[0] ?? '';
  expect(reference).not.toBe('');
  await check(police);
  // The originating agency sees the identity it entered.
  await showIdentity(police, 'Checking what we entered');

  // Those who must never see it, signed in once and checked at every stage.
  const school = await openSession(browser, 'school@riverside.demo', [...IDENTITY, NOTE]);
  const northgate = await openSession(browser, 'police@northgate.demo', [...IDENTITY, NOTE]);
  /** `firstLook`: the first time this state of the outsiders' pages is seen (axe runs). */
  const outsidersSeeNothing = async (stage: string, schoolSeesIt: boolean, firstLook = false) => {
    await openTable(school, tableId, { axe: firstLook });
    const listed = await school.page.getByRole('link', { name: reference }).count();
    expect(listed, `school lists ${reference} at ${stage}`).toBe(schoolSeesIt ? 1 : 0);
    await expectNothingIdentifying(school, [NOTE]);
    await school.page.goto(`/situations/${situationId}`);
    await school.page
      .locator('main h1', { hasText: schoolSeesIt ? reference : 'Situation not found' })
      .waitFor();
    // What school sees of the situation changes with each stage: always checked with axe.
    await check(school);
    await expectNothingIdentifying(school, [NOTE]);

    await northgate.page.goto(`/situations/${situationId}`);
    await northgate.page.locator('main h1', { hasText: 'Situation not found' }).waitFor();
    await check(northgate, { axe: firstLook && !schoolSeesIt });
    await expectNothingIdentifying(northgate, [NOTE, reference]);
  };
  await outsidersSeeNothing('draft', false, true);
  // Another table's member cannot open this table either (the page asks the API nothing).
  await openTable(northgate, tableId);
  await northgate.page.locator('main h1', { hasText: 'Situation table not found' }).waitFor();

  // --- Filter 2: presented to the table -------------------------------------------------------
  // Presenting is confirmed in a dialog that says where the facts go; Cancel changes nothing.
  await policePage.getByRole('button', { name: 'Present to the table' }).click();
  const presentDialog = policePage.getByRole('dialog', {
    name: `Present ${reference} to the table?`,
  });
  await presentDialog
    .getByText('go to every member agency of Riverside Situation Table', { exact: false })
    .waitFor();
  await check(police);
  await presentDialog.getByRole('button', { name: 'Cancel' }).click();
  await presentDialog.waitFor({ state: 'hidden' });
  await policePage.locator('.situation-meta', { hasText: 'Filter 1 – draft' }).waitFor();
  await policePage.getByRole('button', { name: 'Present to the table' }).click();
  await presentDialog.getByRole('button', { name: 'Present to the table' }).click();
  await policePage.getByText('Presented.', { exact: false }).waitFor();
  await check(police);
  await outsidersSeeNothing('filter 2', true, true);

  const chair = await openSession(browser, 'chair@riverside.demo');
  await openSituation(chair, situationId, reference);
  // A coordinator sees identity only where their agency may: not at filter 2.
  await expectNothingIdentifying(chair);
  const decision = chair.page.getByRole('region', { name: 'Record the filter 2 decision' });
  await decision.getByLabel('Accept – acutely elevated risk').check();
  for (const agency of [
    'Riverside Mental Health and Addictions',
    'Riverside Housing Help Centre',
    'Riverside Social Services',
    'Riverside Probation and Parole',
  ]) {
    await decision.getByLabel(agency).check();
  }
  expect(await decision.getByLabel('Riverside Police Service').isChecked()).toBe(true);
  expect(await decision.getByLabel('Riverside District School Board').isChecked()).toBe(false);
  await decision.getByRole('button', { name: 'Record the decision' }).click();
  await chair.page
    .getByText('Decision recorded: acutely elevated risk.', { exact: false })
    .waitFor();
  await check(chair);

  // --- Filter 3: limited identification to the agencies present -------------------------------
  await outsidersSeeNothing('filter 3', true);
  const mentalHealth = await openSession(browser, 'mentalhealth@riverside.demo');
  await openSituation(mentalHealth, situationId, reference);
  await showIdentity(mentalHealth, 'Check whether we already work with this person');
  await mentalHealth.page.getByRole('button', { name: 'We already work with this person' }).click();
  await mentalHealth.page.getByText('Your agency’s answer is recorded.').waitFor();
  await check(mentalHealth);

  // The chair's agency was present: it sees identity now…
  await openSituation(chair, situationId, reference);
  await showIdentity(chair, 'Preparing the assignment', { axe: false });
  const assignment = chair.page.getByRole('region', {
    name: 'Assign the lead and assisting agencies',
  });
  await assignment.getByLabel('Lead agency').selectOption({
    label: 'Riverside Mental Health and Addictions (already works with the person)',
  });
  await assignment
    .getByRole('group', { name: 'Assisting agencies' })
    .getByLabel('Riverside Housing Help Centre')
    .check();
  await assignment.getByRole('button', { name: 'Assign' }).click();
  await chair.page.getByText('Lead and assisting agencies assigned.').waitFor();
  // The 24–48 hour clock starts with the assignment, in words.
  await chair.page
    .locator('.first-contact-clock')
    .getByText(/^First contact due in /)
    .waitFor();
  // …and not from filter 4, where it is neither lead nor assisting: gone at once, and on reload.
  await check(chair);
  await expectNothingIdentifying(chair);
  await openSituation(chair, situationId, reference, { axe: false });
  await expectNothingIdentifying(chair);

  // --- Filter 4: the intervention, among the lead and assisting agencies ---------------------
  await outsidersSeeNothing('filter 4', true);
  await openSituation(mentalHealth, situationId, reference);
  await showIdentity(mentalHealth, 'Planning the door knock', { axe: false });
  const notes = mentalHealth.page.getByRole('region', { name: 'Intervention notes' });
  await notes.getByLabel('Add a note').fill(NOTE);
  await notes.getByRole('button', { name: 'Add note' }).click();
  await notes.getByText('Note added.').waitFor();
  await notes.getByText(NOTE).waitFor();
  const contact = mentalHealth.page.getByRole('region', { name: 'Record the first contact' });
  await contact.getByLabel('The person engaged').check();
  await contact.getByRole('button', { name: 'Record first contact' }).click();
  await mentalHealth.page.getByText('First contact recorded.').waitFor();
  await mentalHealth.page
    .locator('.first-contact-clock')
    .getByText('First contact made on time')
    .waitFor();
  await check(mentalHealth);
  if (SAVE_SCREENSHOTS) {
    // Identity is still shown: the stage has not changed since it was asked for.
    await mentalHealth.page.getByText(`${GIVEN} ${FAMILY}`).waitFor();
    await mentalHealth.page.screenshot({
      path: new URL('situation-filter4.png', ARTIFACTS).pathname,
      fullPage: true,
    });
  }

  const housing = await openSession(browser, 'housing@riverside.demo');
  await openSituation(housing, situationId, reference, { axe: false });
  await showIdentity(housing, 'Joining the door knock', { axe: false });
  await housing.page.getByText(NOTE).waitFor();
  await outsidersSeeNothing('filter 4, after notes and first contact', true);
  // The chair runs the table but is not on the intervention team: no notes either.
  await openSituation(chair, situationId, reference);
  await expectNothingIdentifying(chair, [NOTE]);

  // --- Concluded --------------------------------------------------------------------------------
  const closing = chair.page.getByRole('region', { name: 'Conclude the situation' });
  await closing
    .getByLabel('Conclusion')
    .selectOption({ label: 'Overall risk lowered – connected to services' });
  // A first contact is recorded: no no-contact reason is asked for.
  expect(await closing.getByLabel('Why was there no first contact?').count()).toBe(0);
  await closing.getByRole('button', { name: 'Conclude' }).click();
  const concludeDialog = chair.page.getByRole('dialog', { name: `Conclude ${reference}?` });
  await concludeDialog.getByText(/^The retention countdown starts: /).waitFor();
  await concludeDialog.getByRole('button', { name: 'Conclude' }).click();
  await chair.page.getByText('Situation concluded.').waitFor();
  await check(chair);
  await expectNothingIdentifying(chair, [NOTE]);
  await outsidersSeeNothing('closed', true);
  // Northgate's own table lists nothing of Riverside's.
  await northgate.page
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('link', { name: 'Situation tables' })
    .click();
  await northgate.page.getByRole('link', { name: 'Northgate Situation Table' }).click();
  await northgate.page.locator('main h1', { hasText: 'Northgate Situation Table' }).waitFor();
  await check(northgate);
  await expectNothingIdentifying(northgate, [NOTE, reference]);

  // One situation page in French, for the assisting agency, which still reads the notes.
  await openSituation(housing, situationId, reference, { axe: false });
  await housing.page.getByRole('button', { name: 'Français' }).click();
  await housing.page.getByRole('heading', { name: 'Faits dépersonnalisés' }).waitFor();
  expect(await housing.page.locator('html').getAttribute('lang')).toBe('fr');
  await housing.page.getByRole('heading', { name: 'Notes d’intervention' }).waitFor();
  await housing.page.getByText(NOTE).waitFor();
  await housing.page.getByText('Risque global réduit – mise en lien avec des services').waitFor();
  await check(housing);
}
