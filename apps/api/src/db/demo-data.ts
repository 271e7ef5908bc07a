/**
 * Demo data for trying Fourfold: two tables, their agencies, and one user per role, all with the
 * password fourfold-demo-2026, the confidentiality agreement accepted and no second factor; on
 * Riverside, de-identified situations at filters 2, 3 and 4 (no identity: the seed holds no
 * key), and on each table a meeting scheduled today at its meeting time, so the agenda is real.
 * Behind them, when the caller gives a history seeder (start-up does:
 * modules/synthetic-data/demo-history.ts), a year of generated history, so the statistics
 * dashboard has something to show.
 * Loaded in demo mode only (the default on the embedded database; SEED_DEMO=true elsewhere), once:
 * a database that already has the demo administrator is left alone.
 */
import { DateTime } from 'luxon';
import { FIRST_CONTACT_HOURS_RANGE } from '@fourfold/shared/admin';
import type { Kysely, Transaction } from 'kysely';
import { hashPassword } from '../lib/password-hashing';
import { seedDemoIntervention } from './demo-interventions';
import type { DB, MembershipRole } from './schema';

export const DEMO_PASSWORD = 'fourfold-demo-2026';

type DemoTable = {
  name: string;
  prefix: string;
  municipality: string;
  agencies: Array<{ name: string; sector: string }>;
};

const tables: DemoTable[] = [
  {
    name: 'Riverside Situation Table',
    prefix: 'RIV',
    municipality: 'Riverside',
    agencies: [
      { name: 'Riverside Police Service', sector: 'police' },
      { name: 'Riverside Mental Health and Addictions', sector: 'mental_health' },
      { name: "Riverside Children's Aid Society", sector: 'child_welfare' },
      { name: 'Riverside District School Board', sector: 'education' },
      { name: 'Riverside Housing Help Centre', sector: 'housing' },
      { name: 'Riverside General Hospital', sector: 'hospital' },
      { name: 'Riverside Probation and Parole', sector: 'probation_parole' },
      { name: 'Riverside Social Services', sector: 'social_services' },
    ],
  },
  {
    name: 'Northgate Situation Table',
    prefix: 'NOR',
    municipality: 'Northgate',
    agencies: [
      { name: 'Northgate Police Service', sector: 'police' },
      { name: 'Northgate Community Health', sector: 'public_health' },
    ],
  },
];

type DemoUser = {
  email: string;
  displayName: string;
  agency: string | null;
  administrator?: boolean;
  table?: string;
  role?: MembershipRole;
};

export const demoUsers: DemoUser[] = [
  { email: 'admin@fourfold.demo', displayName: 'Alex Admin', agency: null, administrator: true },
  {
    email: 'chair@riverside.demo',
    displayName: 'Casey Chair',
    agency: 'Riverside Social Services',
    table: 'Riverside Situation Table',
    role: 'coordinator',
  },
  ...(
    [
      ['police', 'Pat Police', 'Riverside Police Service'],
      ['mentalhealth', 'Morgan Mentalhealth', 'Riverside Mental Health and Addictions'],
      ['cas', 'Charlie Childwelfare', "Riverside Children's Aid Society"],
      ['school', 'Sam School', 'Riverside District School Board'],
      ['housing', 'Harper Housing', 'Riverside Housing Help Centre'],
      ['hospital', 'Hayden Hospital', 'Riverside General Hospital'],
    ] as const
  ).map(([local, displayName, agency]) => ({
    email: `${local}@riverside.demo`,
    displayName,
    agency,
    table: 'Riverside Situation Table',
    role: 'agency_rep' as const,
  })),
  {
    email: 'analyst@riverside.demo',
    displayName: 'Ari Analyst',
    agency: 'Riverside Social Services',
    table: 'Riverside Situation Table',
    role: 'analyst',
  },
  {
    email: 'privacy@riverside.demo',
    displayName: 'Parker Privacy',
    agency: 'Riverside Social Services',
    table: 'Riverside Situation Table',
    role: 'privacy_officer',
  },
  {
    email: 'chair@northgate.demo',
    displayName: 'Noor Northgate',
    agency: 'Northgate Community Health',
    table: 'Northgate Situation Table',
    role: 'coordinator',
  },
  {
    email: 'police@northgate.demo',
    displayName: 'Nico Northgate',
    agency: 'Northgate Police Service',
    table: 'Northgate Situation Table',
    role: 'agency_rep',
  },
];

const AGREEMENT_EN =
  'I will use information shared at this situation table only to reduce the acutely elevated ' +
  'risk under discussion. I will share the minimum necessary, keep it confidential, and record ' +
  'it only as my agency and the law allow.';
const AGREEMENT_FR =
  'Je n’utiliserai les renseignements communiqués à cette table de situation que pour réduire ' +
  'le risque aigu élevé dont il est question. Je ne communiquerai que le minimum nécessaire, en ' +
  'préserverai la confidentialité et ne le consignerai que dans la mesure permise par mon ' +
  'organisme et par la loi.';

/** Loads the demo data unless it is already there. Returns whether it loaded anything. */
/**
 * What adds the generated history behind the curated demo, in the same transaction. Given by the
 * caller (startup.ts passes the synthetic-data module's), so the database layer does not reach
 * up into the modules.
 */
export type DemoHistorySeeder = (
  trx: Transaction<DB>,
  ids: { riversideId: string; analystId: string; administratorId: string },
) => Promise<void>;

export async function seedDemoData(
  db: Kysely<DB>,
  options: { history?: DemoHistorySeeder } = {},
): Promise<boolean> {
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', 'admin@fourfold.demo')
    .executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    const agencyIds = new Map<string, string>();
    const tableIds = new Map<string, string>();
    const agreementIds = new Map<string, string>();
    for (const table of tables) {
      const { id: tableId } = await trx
        .insertInto('situation_table')
        .values({
          name: table.name,
          reference_prefix: table.prefix,
          municipality: table.municipality,
          meeting_weekday: DEMO_MEETING_WEEKDAY,
          meeting_time: DEMO_MEETING_TIME,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      tableIds.set(table.name, tableId);
      const { id: agreementId } = await trx
        .insertInto('confidentiality_agreement')
        .values({ table_id: tableId, version: 1, body_en: AGREEMENT_EN, body_fr: AGREEMENT_FR })
        .returning('id')
        .executeTakeFirstOrThrow();
      agreementIds.set(table.name, agreementId);
      for (const agency of table.agencies) {
        const { id: agencyId } = await trx
          .insertInto('agency')
          .values({ name: agency.name, sector: agency.sector })
          .returning('id')
          .executeTakeFirstOrThrow();
        agencyIds.set(agency.name, agencyId);
        await trx
          .insertInto('table_agency')
          .values({ table_id: tableId, agency_id: agencyId })
          .execute();
      }
    }
    let administratorId: string | undefined;
    const coordinatorIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    for (const user of demoUsers) {
      const { id: userId } = await trx
        .insertInto('app_user')
        .values({
          email: user.email,
          display_name: user.displayName,
          agency_id: user.agency ? agencyIds.get(user.agency)! : null,
          is_administrator: user.administrator ?? false,
          password_hash: passwordHash,
          password_changed_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(user.email, userId);
      if (user.administrator) administratorId = userId;
      if (user.table && user.role) {
        // Seeded as the API would have it: asked for by the administrator, the table's first
        // coordinator in effect at once, analysts without confirmation, everyone else confirmed
        // by the coordinator (listed before the other members of their table).
        const coordinatorId = coordinatorIds.get(user.table);
        const status =
          user.role === 'analyst'
            ? 'not_required'
            : user.role === 'coordinator' && coordinatorId === undefined
              ? 'first_coordinator'
              : 'confirmed';
        if (status === 'first_coordinator') coordinatorIds.set(user.table, userId);
        await trx
          .insertInto('table_membership')
          .values({
            table_id: tableIds.get(user.table)!,
            user_id: userId,
            role: user.role,
            status,
            requested_by: administratorId ?? null,
            confirmed_by: status === 'confirmed' ? coordinatorId! : null,
            confirmed_at: new Date(),
          })
          .execute();
        await trx
          .insertInto('agreement_acceptance')
          .values({ user_id: userId, agreement_id: agreementIds.get(user.table)! })
          .execute();
      }
    }
    // The five situations of the agenda first (references 0001–0005), then the one with an
    // overdue first contact, numbered after them by the counter.
    await seedDemoSituations(trx, {
      tableId: tableIds.get('Riverside Situation Table')!,
      prefix: 'RIV',
      agency: (name) => agencyIds.get(name)!,
      chairId: coordinatorIds.get('Riverside Situation Table')!,
    });
    await seedDemoIntervention(trx, {
      tableId: tableIds.get('Riverside Situation Table')!,
      prefix: 'RIV',
      coordinatorId: coordinatorIds.get('Riverside Situation Table')!,
      originatorId: userIds.get('police@riverside.demo')!,
      agencyIds: {
        originating: agencyIds.get('Riverside Police Service')!,
        lead: agencyIds.get('Riverside Mental Health and Addictions')!,
        assisting: agencyIds.get('Riverside Housing Help Centre')!,
      },
    });
    // History for the statistics: closed and rejected situations of earlier months on Riverside,
    // and one more table the analyst reads (no identity, no meeting, no password for their
    // people). Riverside's history is numbered after the curated references, so they keep theirs.
    await options.history?.(trx, {
      riversideId: tableIds.get('Riverside Situation Table')!,
      analystId: userIds.get('analyst@riverside.demo')!,
      administratorId: administratorId!,
    });
    for (const [name, tableId] of tableIds) {
      await trx
        .insertInto('meeting')
        .values({
          table_id: tableId,
          scheduled_for: demoMeetingTime(),
          created_by: coordinatorIds.get(name)!,
        })
        .execute();
    }
  });
  return true;
}

/** The demo tables' meeting time (as seeded above) and zone (the default of a table). */
const DEMO_MEETING_WEEKDAY = 2;
const DEMO_MEETING_TIME = '10:00';
const DEMO_TIME_ZONE = 'America/Toronto';

/** Today at the meeting time while it is still ahead, else the next meeting day. */
function demoMeetingTime(): Date {
  const [hour, minute] = DEMO_MEETING_TIME.split(':').map(Number) as [number, number];
  const today = DateTime.now()
    .setZone(DEMO_TIME_ZONE)
    .set({ hour, minute, second: 0, millisecond: 0 });
  if (today > DateTime.now()) return today.toJSDate();
  // Day by day in the table's zone keeps the wall-clock time across a change of daylight saving.
  let next = today.plus({ days: 1 });
  while (next.weekday !== DEMO_MEETING_WEEKDAY) next = next.plus({ days: 1 });
  return next.toJSDate();
}

type DemoSituation = {
  stage: 'filter2' | 'filter3' | 'filter4';
  originating: string;
  ageBand: string;
  gender: string;
  riskFactors: string[];
  summary: string;
  /** Days ago it was presented; decided and assigned a day after, for filters 3 and 4. */
  presentedDaysAgo: number;
  present?: string[];
  lead?: string;
  assisting?: string[];
  /** Days ago the first contact was made (filter 4): with it, the situation is ready to close. */
  contactDaysAgo?: number;
};

const RIV = {
  police: 'Riverside Police Service',
  mentalHealth: 'Riverside Mental Health and Addictions',
  cas: "Riverside Children's Aid Society",
  school: 'Riverside District School Board',
  housing: 'Riverside Housing Help Centre',
  hospital: 'Riverside General Hospital',
};

// Report-backs (filters 3 and 4) in decision order, new ones in presentation order, and one ready
// to close: the agenda of the demo meeting in each of its sections.
const demoSituations: DemoSituation[] = [
  {
    stage: 'filter4',
    originating: RIV.police,
    ageBand: '25_29',
    gender: 'male',
    riskFactors: ['alcohol.abuse', 'antisocial.threats', 'basic_needs.own'],
    summary:
      'Adult facing eviction after repeated disturbances; threats toward neighbours; drinking heavily.',
    presentedDaysAgo: 15,
    present: [RIV.police, RIV.mentalHealth, RIV.housing],
    lead: RIV.mentalHealth,
    assisting: [RIV.housing],
  },
  {
    stage: 'filter4',
    originating: RIV.hospital,
    ageBand: '60_plus',
    gender: 'female',
    riskFactors: ['basic_needs.own', 'cognitive.suspected'],
    summary:
      'Older adult living alone, repeated emergency visits, unable to manage meals or medication.',
    presentedDaysAgo: 14,
    present: [RIV.hospital, RIV.mentalHealth, RIV.housing],
    lead: RIV.hospital,
    assisting: [RIV.mentalHealth],
    contactDaysAgo: 12,
  },
  {
    stage: 'filter3',
    originating: RIV.school,
    ageBand: '12_15',
    gender: 'female',
    riskFactors: ['victimization.exploitation', 'antisocial.person'],
    summary:
      'Young teen missing school for weeks; seen with much older adults; signs of exploitation.',
    presentedDaysAgo: 8,
    present: [RIV.school, RIV.cas, RIV.police],
  },
  {
    stage: 'filter2',
    originating: RIV.police,
    ageBand: '18_24',
    gender: 'male',
    riskFactors: ['criminal.drugs', 'alcohol.abuse'],
    summary:
      'Young adult recently released, no stable housing, escalating substance use and conflict.',
    presentedDaysAgo: 3,
  },
  {
    stage: 'filter2',
    originating: RIV.cas,
    ageBand: 'multiple',
    gender: 'multiple',
    riskFactors: ['alcohol.abuse_in_home', 'basic_needs.others'],
    summary:
      'Family with young children; caregivers struggling with alcohol use; children often unfed.',
    presentedDaysAgo: 1,
  },
];

async function seedDemoSituations(
  trx: Transaction<DB>,
  table: { tableId: string; prefix: string; agency: (name: string) => string; chairId: string },
) {
  const reps = await trx
    .selectFrom('app_user')
    .select(['id', 'agency_id'])
    .where('email', 'like', '%@riverside.demo')
    .execute();
  const repOf = (agencyId: string) =>
    reps.find((r) => r.agency_id === agencyId)?.id ?? table.chairId;
  const year = Number(DateTime.now().setZone(DEMO_TIME_ZONE).toFormat('yyyy'));
  const daysAgo = (days: number) => DateTime.now().minus({ days }).toJSDate();
  for (const [index, demo] of demoSituations.entries()) {
    const originating = table.agency(demo.originating);
    const decided = demo.stage !== 'filter2';
    const assigned = demo.stage === 'filter4';
    const { id } = await trx
      .insertInto('situation')
      .values({
        table_id: table.tableId,
        reference: `${table.prefix}-${year}-${String(index + 1).padStart(4, '0')}`,
        stage: demo.stage,
        situation_type: demo.ageBand === 'multiple' ? 'family' : 'individual',
        age_band: demo.ageBand,
        gender: demo.gender,
        summary: demo.summary,
        filter1_agency_exhausted_options: true,
        filter1_significant_interest: true,
        filter1_probability_of_harm: true,
        filter1_severity_of_harm: true,
        filter1_multiple_agencies_needed: true,
        originating_agency_id: originating,
        created_by: repOf(originating),
        created_at: daysAgo(demo.presentedDaysAgo + 1),
        submitted_at: daysAgo(demo.presentedDaysAgo),
        submitted_by: repOf(originating),
        decided_at: decided ? daysAgo(demo.presentedDaysAgo - 1) : null,
        decided_by: decided ? table.chairId : null,
        assigned_at: assigned ? daysAgo(demo.presentedDaysAgo - 1) : null,
        assigned_by: assigned ? table.chairId : null,
        lead_agency_id: demo.lead ? table.agency(demo.lead) : null,
        first_contact_at: demo.contactDaysAgo ? daysAgo(demo.contactDaysAgo) : null,
        first_contact_outcome: demo.contactDaysAgo ? 'engaged' : null,
        first_contact_recorded_by:
          demo.contactDaysAgo && demo.lead ? repOf(table.agency(demo.lead)) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('situation_code')
      .values(
        demo.riskFactors.map((code) => ({ situation_id: id, list: 'risk_factor' as const, code })),
      )
      .execute();
    for (const name of demo.present ?? []) {
      await trx
        .insertInto('situation_agency_present')
        .values({ situation_id: id, agency_id: table.agency(name), involved: null })
        .execute();
    }
    for (const name of demo.assisting ?? []) {
      await trx
        .insertInto('situation_assisting_agency')
        .values({ situation_id: id, agency_id: table.agency(name) })
        .execute();
    }
    if (assigned && demo.lead) {
      // The assignment opens the lead agency's first-contact item, as the workflow does
      // (situation-action-items.ts): its due time is the clock the pages and lists show.
      const assignedAt = daysAgo(demo.presentedDaysAgo - 1);
      const lead = table.agency(demo.lead);
      await trx
        .insertInto('action_item')
        .values({
          situation_id: id,
          table_id: table.tableId,
          owner_agency_id: lead,
          kind: 'first_contact',
          description: null,
          // Contact made: due 48 hours after assignment. Not yet: the table gave the lead agency
          // until tomorrow at the last meeting (the item rescheduled), so the demo shows a clock
          // still running beside the overdue one of demo-interventions.ts.
          due_at: demo.contactDaysAgo
            ? new Date(assignedAt.getTime() + FIRST_CONTACT_HOURS_RANGE.default * 3_600_000)
            : daysAgo(-1),
          created_at: assignedAt,
          created_by: table.chairId,
          ...(demo.contactDaysAgo
            ? {
                status: 'done' as const,
                status_changed_at: daysAgo(demo.contactDaysAgo),
                status_changed_by: repOf(lead),
              }
            : {}),
        })
        .execute();
    }
  }
  await trx
    .insertInto('situation_reference_counter')
    .values({ table_id: table.tableId, year, last_number: demoSituations.length })
    .execute();
}
