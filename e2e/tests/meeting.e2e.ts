/**
 * A whole weekly table meeting, run by the chair while a representative follows it live:
 *
 * - chair@riverside (English) goes from the table page to its meetings, schedules a one-off
 *   meeting a couple of minutes ahead and opens it (which builds the agenda);
 * - mentalhealth@riverside, in a second browser context with a French browser (the interface is
 *   in French), has the meeting screen open from before it opened and never reloads it: every
 *   step the chair takes must reach it through the live view within a few seconds;
 * - the chair takes attendance, decides the demo's two new situations in the room (one accepted —
 *   counting the chair's interactions, the goal is at most three — one rejected with a
 *   reason), records a report-back on the situation whose first contact is overdue, closes the
 *   meeting, approves the minutes and downloads them as a PDF.
 *
 * axe runs on every new state of both screens. The demo meeting already scheduled today is left
 * alone: only one meeting of a table may be open at a time, so this test runs its own.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, test } from '../support/browser';
import { fillDateTimeParts } from '../support/date-parts';
import { signInAs } from '../support/sign-in';

const TABLE = 'Riverside Situation Table';
/** The live view must bring each change to the representative's screen within this time. */
const LIVE_MS = 8_000;
const REPORT_BACK = 'Two home visits made since last week; a shelter bed is held until Friday.';

const SAVE_SCREENSHOTS = process.env.MEETING_SCREENSHOTS === '1';
const ARTIFACTS = new URL('../artifacts/', import.meta.url);

/** With MEETING_SCREENSHOTS=1, keeps a full-page picture of this state in e2e/artifacts/. */
async function screenshot(page: Page, name: string) {
  if (!SAVE_SCREENSHOTS) return;
  await page.screenshot({
    path: new URL(`meeting-${name}.png`, ARTIFACTS).pathname,
    fullPage: true,
  });
}

/** Problems a page reported itself (uncaught exceptions, CSP refusals), as the fixture records. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`Uncaught exception: ${error.message}`));
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|apply|execute)/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return problems;
}

/** The page has finished loading what it shows: no loading message left. */
async function settled(page: Page) {
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
}

async function check(page: Page) {
  await settled(page);
  await expectRenderedAndAccessible(page);
}

/**
 * Counts what the person does on the page from now on: trusted clicks (a pointer or the keyboard
 * activating a control) and key presses. A select changed with the mouse would count as its
 * clicks; the counted path has buttons only. Read with `interactions(page)`.
 */
async function startCountingInteractions(page: Page) {
  await page.evaluate(() => {
    const state = window as unknown as { __interactions: number; __counting?: boolean };
    state.__interactions = 0;
    if (state.__counting) return;
    state.__counting = true;
    const count = (event: Event) => {
      if (event.isTrusted) state.__interactions += 1;
    };
    window.addEventListener('click', count, { capture: true });
    window.addEventListener('keydown', count, { capture: true });
  });
}

/**
 * The English interface strings of the screens this test visits that French says differently
 * (whole strings without placeholders): none may show on a screen in French.
 */
async function englishOnlyStrings(): Promise<string[]> {
  const strings = new Set<string>();
  for (const feature of ['meetings', 'minutes', 'action-items', 'situations']) {
    const read = async (language: string) =>
      JSON.parse(
        await readFile(
          new URL(`../../apps/web/src/features/${feature}/i18n/${language}.json`, import.meta.url),
          'utf8',
        ),
      ) as unknown;
    const en = leaves(await read('en'));
    const fr = leaves(await read('fr'));
    for (const [key, value] of en) {
      // Short words ("Filter", "Absent") may be shared by both languages or by the data.
      if (value.includes('{{') || value.length < 8 || fr.get(key) === value) continue;
      strings.add(value);
    }
  }
  return [...strings];
}

function leaves(tree: unknown, prefix = '', into = new Map<string, string>()) {
  if (typeof tree === 'string') into.set(prefix, tree);
  else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) leaves(value, `${prefix}.${key}`, into);
  }
  return into;
}

let english: Promise<string[]> | undefined;

async function expectNoEnglish(page: Page) {
  english ??= englishOnlyStrings();
  const text = await page.locator('main').innerText();
  const shown = (await english).filter((value) => text.includes(value));
  expect(shown, `English on the French screen ${page.url()}`).toEqual([]);
}

/** The outline of the page has no jumps: each heading is at most one level below the one before. */
async function expectHeadingsInOrder(page: Page) {
  const jumps = await page.evaluate(() => {
    const found: string[] = [];
    let previous = 1;
    for (const heading of document.querySelectorAll(
      'main h1, main h2, main h3, main h4, main h5, main h6',
    )) {
      const level = Number(heading.tagName.slice(1));
      if (level > previous + 1) found.push(`h${previous} → h${level} "${heading.textContent}"`);
      previous = level;
    }
    return found;
  });
  expect(jumps, page.url()).toEqual([]);
}

async function interactions(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __interactions: number }).__interactions);
}

describe('a weekly table meeting', () => {
  test(
    'is scheduled, opened, attended, decided, reported on, closed and its minutes approved, with a representative following live in French',
    { timeout: 240_000 },
    async ({ page: chair }) => {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      });
      try {
        await run(browser, chair);
      } finally {
        await browser.close();
      }
    },
  );
});

async function run(browser: Browser, chair: Page) {
  const started = Date.now();
  // --- The representative: a French browser, in a context of its own --------------------------
  const repContext = await browser.newContext({
    baseURL: inject('baseUrl'),
    locale: 'fr-CA',
    viewport: { width: 1280, height: 800 },
  });
  const rep = await repContext.newPage();
  const repProblems = watchProblems(rep);
  const repOk = async () => {
    await check(rep);
    expect(repProblems).toEqual([]);
  };

  await Promise.all([
    signInAs(chair, 'chair@riverside.demo'),
    signInAs(rep, 'mentalhealth@riverside.demo'),
  ]);
  expect(await rep.locator('html').getAttribute('lang')).toBe('fr');
  expect(await chair.locator('html').getAttribute('lang')).toBe('en');

  // --- Chair: table page → meetings list (one click) → schedule a one-off meeting -------------
  await chair
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('link', { name: 'Situation tables' })
    .click();
  await chair.getByRole('link', { name: TABLE }).click();
  await chair.locator('main h1', { hasText: TABLE }).waitFor();
  await chair.getByRole('link', { name: 'All meetings of this table' }).click();
  await chair.locator('main h1', { hasText: `Meetings of ${TABLE}` }).waitFor();
  await check(chair);

  // Two minutes ahead, in the browser's own time zone (what the date and time field holds).
  const when = await chair.evaluate(() => {
    const at = new Date(Date.now() + 2 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  });
  const schedulePanel = chair.getByRole('region', { name: 'Schedule' });
  await schedulePanel.getByLabel('One meeting at a date and time').check();
  await fillDateTimeParts(schedulePanel, 'Date and time', when);
  const scheduled = chair.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      /\/api\/tables\/[^/]+\/meetings$/.test(new URL(response.url()).pathname),
  );
  await schedulePanel.getByRole('button', { name: 'Schedule' }).click();
  const answer = (await (await scheduled).json()) as { items: Array<{ id: string }> };
  const meetingId = answer.items[0]?.id ?? '';
  expect(meetingId).toMatch(/^[0-9a-f-]{36}$/);
  await schedulePanel.getByRole('status').getByText('1 meeting scheduled.').waitFor();
  const link = chair.locator(`main a[href="/meetings/${meetingId}"]`);
  await link.waitFor();
  await check(chair);

  // --- Both open the meeting screen while it is only scheduled ---------------------------------
  await link.click();
  await chair.locator('main h1', { hasText: `Meeting of ${TABLE}` }).waitFor();
  await rep.goto(`/meetings/${meetingId}`);
  await rep.locator('main h1', { hasText: `Réunion de ${TABLE}` }).waitFor();
  const chairMeta = chair.locator('.meeting-screen__meta');
  const repMeta = rep.locator('.meeting-screen__meta');
  await chairMeta.getByText('Scheduled').waitFor();
  await repMeta.getByText('Prévue').waitFor();
  // The live badge: the representative's screen follows the room by itself from here on.
  await rep.locator('.live-status').getByText('En direct', { exact: true }).waitFor();
  await chair.locator('.live-status').getByText('Live', { exact: true }).waitFor();
  await check(chair);
  await repOk();
  await expectNoEnglish(rep);
  // A representative follows; only the chair runs the meeting.
  expect(await rep.locator('.meeting-controls').count()).toBe(0);
  const repUrl = rep.url();
  // Marks the document: if the representative's page were ever reloaded, the mark would be gone.
  await rep.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });

  // --- Chair opens the meeting: the agenda is built --------------------------------------------
  await chair.getByRole('button', { name: 'Open meeting' }).click();
  await chair.getByText('The meeting is open and its agenda is ready.').waitFor();
  await chairMeta.getByText('In progress').waitFor();
  const chairNew = chair.locator('section[aria-labelledby="agenda-new"]');
  const chairReports = chair.locator('section[aria-labelledby="agenda-report_back"]');
  await chairNew.waitFor();
  await check(chair);
  await repMeta.getByText('En cours').waitFor({ timeout: LIVE_MS });
  await rep.locator('section[aria-labelledby="agenda-new"]').waitFor({ timeout: LIVE_MS });
  await repOk();

  // --- Attendance: three agencies present with their representative, one with apologies ------
  const attendance = chair.getByRole('region', { name: 'Attendance' });
  const present = [
    'Riverside Police Service',
    'Riverside Mental Health and Addictions',
    'Riverside Housing Help Centre',
  ];
  for (const agency of present) {
    const group = attendance.getByRole('group', { name: new RegExp(`^${agency}`) });
    await group.getByLabel('Present', { exact: true }).check();
    const representative = group.getByLabel('Representative');
    const options = await representative.locator('option').count();
    expect(options, `${agency} has a representative to name`).toBeGreaterThan(1);
    await representative.selectOption({ index: 1 });
  }
  await attendance
    .getByRole('group', { name: /^Riverside District School Board/ })
    .getByLabel('Apologies', { exact: true })
    .check();
  // The live view can bring the saved attendance before the answer to the chair's own Save does
  // (CI's loaded machine did): the answer is held here until the live view has shown it, and the
  // chair must still be told it was saved.
  const attendanceWrite = '**/api/meetings/*/attendance';
  await chair.route(attendanceWrite, async (route) => {
    const response = await route.fetch();
    await attendance.getByText(/^3 of \d+ member agencies present\.$/).waitFor();
    await route.fulfill({ response });
  });
  await attendance.getByRole('button', { name: 'Save attendance' }).click();
  await attendance.getByRole('status').getByText('Attendance saved.').waitFor();
  await chair.unroute(attendanceWrite);
  await attendance.getByText(/^3 of \d+ member agencies present\.$/).waitFor();
  await check(chair);
  const repAttendance = rep.getByRole('region', { name: 'Présences' });
  await repAttendance
    .getByText(/^3 organismes membres présents sur \d+\.$/)
    .waitFor({ timeout: LIVE_MS });
  await repAttendance.getByText('Excusé', { exact: true }).waitFor();
  await repOk();

  // --- New situations: the demo's two filter-2 items -------------------------------------------
  const newItems = chairNew.locator('li.meeting-agenda__item');
  expect(await newItems.count()).toBeGreaterThanOrEqual(2);
  const [accepted, rejected] = (await newItems
    .locator('.meeting-agenda__reference')
    .allTextContents()) as [string, string];
  expect(accepted).toMatch(/^RIV-\d{4}-\d{4}$/);
  expect(rejected).toMatch(/^RIV-\d{4}-\d{4}$/);
  const item = chair.getByRole('region', { name: /^Situation RIV-/ });
  const repItem = rep.getByRole('region', { name: /^Situation RIV-/ });

  // The acceptance, counted: from the meeting screen with the attendance taken until the decision
  // is recorded. Measured: 3 interactions — Discuss now, Accept, Confirm acceptance (the goal is
  // at most three).
  await startCountingInteractions(chair);
  await chair.getByRole('button', { name: `Discuss now ${accepted}` }).click();
  await item.getByRole('heading', { name: `Situation ${accepted}` }).waitFor();
  await check(chair);
  await repItem.getByRole('heading', { name: `Situation ${accepted}` }).waitFor({
    timeout: LIVE_MS,
  });
  await repItem.getByText('En discussion', { exact: true }).waitFor();
  await rep
    .locator('li[aria-current="true"]', { hasText: accepted })
    .getByText('En discussion')
    .waitFor();
  await repOk();
  await item.getByRole('button', { name: 'Accept: acutely elevated risk' }).click();
  const acceptDialog = chair.getByRole('dialog', {
    name: `Accept ${accepted} as acutely elevated risk?`,
  });
  await acceptDialog.waitFor();
  for (const agency of present) await acceptDialog.getByText(agency).waitFor();
  await check(chair);
  // As for attendance: the answer is held until the live view has shown the decision (and so
  // restarted the item's form), and the chair must still be told.
  const decisionWrite = '**/api/meetings/*/situations/*/decision';
  await chair.route(decisionWrite, async (route) => {
    const response = await route.fetch();
    await item.locator('.meeting-item__decisions').getByText('Accepted', { exact: true }).waitFor();
    await route.fulfill({ response });
  });
  await acceptDialog.getByRole('button', { name: 'Confirm acceptance' }).click();
  await item.getByText(`${accepted} accepted: acutely elevated risk.`).waitFor();
  await chair.unroute(decisionWrite);
  const acceptanceInteractions = await interactions(chair);
  console.log(
    `Filter-2 acceptance with the attendance taken: ${acceptanceInteractions} interactions by the chair (goal: at most 3).`,
  );
  expect(acceptanceInteractions).toBeLessThanOrEqual(3);
  await item.locator('.meeting-item__decisions').getByText('Accepted', { exact: true }).waitFor();
  await check(chair);
  await repItem
    .locator('.meeting-item__decisions')
    .getByText('Acceptée', { exact: true })
    .waitFor({ timeout: LIVE_MS });
  await repOk();
  await expectNoEnglish(rep);

  // The rejection, with a reason.
  await chair.getByRole('button', { name: `Discuss now ${rejected}` }).click();
  await item.getByRole('heading', { name: `Situation ${rejected}` }).waitFor();
  await repItem.getByRole('heading', { name: `Situation ${rejected}` }).waitFor({
    timeout: LIVE_MS,
  });
  await item.getByRole('button', { name: 'Reject…' }).click();
  const reason = item.getByLabel('Rejection reason');
  await reason.waitFor();
  await check(chair);
  await reason.selectOption({ index: 1 });
  const reasonLabel = (await reason.locator('option:checked').textContent()) ?? '';
  expect(reasonLabel).not.toBe('');
  await item.getByRole('button', { name: 'Record rejection' }).click();
  // Irreversible: confirmed in a dialog that says the identity and free text are destroyed.
  const rejectDialog = chair.getByRole('dialog', {
    name: `Record the rejection of ${rejected}?`,
  });
  await rejectDialog.getByText('This cannot be undone.', { exact: false }).waitFor();
  await check(chair);
  await rejectDialog.getByRole('button', { name: 'Reject and destroy' }).click();
  await item.getByText(`${rejected} rejected.`).waitFor();
  await item.locator('.meeting-item__decisions').getByText('Rejected', { exact: true }).waitFor();
  await check(chair);
  await repItem
    .locator('.meeting-item__decisions')
    .getByText('Rejetée', { exact: true })
    .waitFor({ timeout: LIVE_MS });
  await repOk();

  // At 360 px wide the meeting screen fits: no horizontal page overflow.
  await chair.setViewportSize({ width: 360, height: 800 });
  await item.getByRole('heading', { name: `Situation ${rejected}` }).waitFor();
  const overflow = await chair.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await check(chair);
  await screenshot(chair, 'chair-360px');
  await chair.setViewportSize({ width: 1280, height: 800 });

  // --- One report-back: the situation whose first contact is overdue --------------------------
  const overdueItem = chairReports.locator('li.meeting-agenda__item', {
    has: chair.locator('.meeting-agenda__overdue'),
  });
  await expect.poll(() => overdueItem.count()).toBe(1);
  await overdueItem.getByText(/^1 overdue action$/).waitFor();
  const overdue = (await overdueItem.locator('.meeting-agenda__reference').textContent()) ?? '';
  expect(overdue).toMatch(/^RIV-\d{4}-\d{4}$/);
  await rep
    .locator('section[aria-labelledby="agenda-report_back"] li', { hasText: overdue })
    .getByText('1 action en retard')
    .waitFor();
  await overdueItem.getByRole('button', { name: `Discuss now ${overdue}` }).click();
  await item.getByRole('heading', { name: `Situation ${overdue}` }).waitFor();
  // The item says it in words too: the first contact is overdue.
  await item
    .getByText(/^Overdue by /)
    .first()
    .waitFor();
  await check(chair);
  await repItem.getByRole('heading', { name: `Situation ${overdue}` }).waitFor({
    timeout: LIVE_MS,
  });
  await repItem
    .getByText(/^En retard de /)
    .first()
    .waitFor();
  await repOk();

  const reportForm = item.locator('form', {
    has: chair.getByRole('heading', { name: 'Report back to the table' }),
  });
  await reportForm.getByLabel('Reporting agency').selectOption({
    label: 'Riverside Mental Health and Addictions',
  });
  await reportForm.getByLabel('Status update').fill(REPORT_BACK);
  await reportForm.getByRole('button', { name: 'Record report-back' }).click();
  await item.getByRole('status').getByText('Report-back recorded.').waitFor();
  await item.getByText(REPORT_BACK).waitFor();
  await check(chair);
  await expectHeadingsInOrder(chair);
  // The action items and report-backs sit inside the item's "In the room" (h3), not beside it.
  expect(await item.locator('.meeting-item__steps').locator('h2, h3').count()).toBe(1);
  await repItem
    .locator('.meeting-item__decisions')
    .getByText('Compte rendu', { exact: true })
    .waitFor({ timeout: LIVE_MS });
  // The report-back itself, in the item's list of report-backs, without a reload either.
  await repItem.getByText(REPORT_BACK).waitFor({ timeout: LIVE_MS });
  await repOk();
  await expectNoEnglish(rep);
  await screenshot(rep, 'representative-report-back');
  await screenshot(chair, 'chair-report-back');

  // --- Close the meeting -------------------------------------------------------------------------
  await chair.getByRole('button', { name: 'Close meeting' }).click();
  const closeDialog = chair.getByRole('dialog', { name: 'Close this meeting?' });
  await closeDialog.waitFor();
  await check(chair);
  await closeDialog.getByRole('button', { name: 'Close meeting' }).click();
  await chair.getByText('The meeting is closed.').waitFor();
  await chairMeta.getByText('Closed').waitFor();
  await check(chair);
  await repMeta.getByText('Terminée').waitFor({ timeout: LIVE_MS });
  await rep.getByRole('link', { name: 'Procès-verbal de cette réunion' }).waitFor();
  await repOk();
  await expectNoEnglish(rep);
  // All of the above reached the representative without a reload.
  expect(rep.url()).toBe(repUrl);
  expect(
    await rep.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true);

  // --- Minutes: check, approve, download --------------------------------------------------------
  await chair.getByRole('link', { name: 'Minutes of this meeting' }).click();
  await chair.locator('main h1', { hasText: `Minutes — ${TABLE}` }).waitFor();
  await chair.locator('.minutes-badge', { hasText: 'Draft' }).waitFor();
  const minutes = chair.locator('main');
  for (const agency of present) await minutes.getByText(agency).first().waitFor();
  await minutes.getByText('Apologies').first().waitFor();
  await minutes.getByText('Accepted as acutely elevated risk').first().waitFor();
  await minutes.getByText(`Rejected: ${reasonLabel}`).first().waitFor();
  await minutes
    .getByText('Report-back by Riverside Mental Health and Addictions')
    .first()
    .waitFor();
  await minutes.getByText(REPORT_BACK).first().waitFor();
  // The first contacts on the agenda are listed (the demo's overdue one and the rescheduled
  // one); they never had a description, so none was destroyed.
  await minutes
    .getByText(/^First contact — Riverside Mental Health and Addictions/)
    .first()
    .waitFor();
  expect(await minutes.getByText('Text destroyed', { exact: false }).count()).toBe(0);
  for (const reference of [accepted, rejected, overdue]) {
    await minutes.getByText(reference).first().waitFor();
  }
  await check(chair);

  await chair.getByRole('button', { name: 'Approve minutes' }).click();
  const approveDialog = chair.getByRole('dialog', { name: 'Approve these minutes?' });
  await approveDialog.waitFor();
  await check(chair);
  await approveDialog.getByRole('button', { name: 'Approve and freeze' }).click();
  await chair.getByText('The minutes are approved and frozen.').waitFor();
  await chair.locator('.minutes-badge', { hasText: 'Approved' }).waitFor();
  await check(chair);

  const downloading = chair.waitForEvent('download');
  await chair.getByRole('button', { name: 'Download PDF' }).click();
  const download = await downloading;
  const fileName = download.suggestedFilename();
  // The table's reference prefix and the date: nothing about any person.
  expect(fileName).toMatch(/^minutes-RIV-\d{4}-\d{2}-\d{2}\.pdf$/);
  const saved = path.join(os.tmpdir(), `fourfold-e2e-${meetingId}.pdf`);
  await download.saveAs(saved);
  const pdf = await readFile(saved);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(1024);
  await chair.getByText('The PDF was downloaded.').waitFor();

  // The representative reads the approved minutes, in French.
  await rep.getByRole('link', { name: 'Procès-verbal de cette réunion' }).click();
  await rep.locator('main h1', { hasText: TABLE }).waitFor();
  await rep.locator('.minutes-badge', { hasText: 'Approuvé' }).waitFor();
  await repOk();
  await expectNoEnglish(rep);
  await screenshot(rep, 'representative-minutes');

  console.log(`The whole meeting ran in ${Math.round((Date.now() - started) / 1000)} s.`);
  await repContext.close();
}
