/**
 * Demo data for trying Fourfold: two tables, their agencies, and one user per role, all with the
 * password fourfold-demo-2026, the confidentiality agreement accepted and no second factor.
 * Loaded in demo mode only (the default on the embedded database; SEED_DEMO=true elsewhere), once:
 * a database that already has the demo administrator is left alone.
 */
import type { Kysely } from 'kysely';
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
export async function seedDemoData(db: Kysely<DB>): Promise<boolean> {
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
          meeting_weekday: 2,
          meeting_time: '10:00',
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
  });
  return true;
}
