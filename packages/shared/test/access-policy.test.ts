/**
 * The access policy as an explicit table of expectations.
 *
 * Every expectation below is derived from the domain (shared/domain/README.md: the Four Filter
 * process and the privacy rules) and the rules documented at the top of access-policy.ts, written
 * out literally so that a reviewer can read, cell by cell, who may do what to a situation at which
 * stage. Nothing is computed from the policy itself: a change to the policy must change this table.
 *
 * The actor of every row has a second factor on this session and has accepted the table's current
 * confidentiality agreement, and the table requires a second factor; the cross-cutting tests at the
 * end vary those.
 */
import { describe, expect, it } from 'vitest';
import {
  can,
  decide,
  permissions,
  relationOf,
  roles,
  rolesGranting,
  stages,
  tablesWhere,
  type Actor,
  type DenialReason,
  type MembershipSubject,
  type Permission,
  type Role,
  type SituationRelation,
  type SituationSubject,
  type Stage,
  type Subject,
  type SystemSubject,
  type TableSubject,
} from '../src/access-policy';

// ---------------------------------------------------------------------------------------------
// Vocabulary of the tables
// ---------------------------------------------------------------------------------------------

/** What `decide` answers, flattened: 'allow' or the reason for the refusal. */
type Outcome = 'allow' | DenialReason;

/** The four membership roles, plus two kinds of person who hold no membership on the table. */
const whos = [...roles, 'non_member', 'administrator'] as const;
type Who = Role | 'non_member' | 'administrator';

/**
 * The relation of the person's agency to the situation (all other agencies involved are someone
 * else's). "lead" and "assisting" agencies were also present at the filter-2 decision;
 * "originating" alone is NOT recorded as present, so that the originating rule is tested on its own.
 */
const relations = [
  'none',
  'originating',
  'present',
  'lead',
  'assisting',
  'originating+lead',
] as const;
type Relation = (typeof relations)[number];

// prettier-ignore
const relationFlags: Record<Relation, SituationRelation> = {
  'none':             { originating: false, present: false, lead: false, assisting: false },
  'originating':      { originating: true,  present: false, lead: false, assisting: false },
  'present':          { originating: false, present: true,  lead: false, assisting: false },
  'lead':             { originating: false, present: true,  lead: true,  assisting: false },
  'assisting':        { originating: false, present: true,  lead: false, assisting: true  },
  'originating+lead': { originating: true,  present: true,  lead: true,  assisting: false },
};

/** Every situation permission except `situation.create`, which is table-level. */
const situationPermissionKeys = [
  'viewDeidentified',
  'editDraft',
  'editIdentity',
  'viewIdentity',
  'present',
  'decide',
  'declareInvolvement',
  'assign',
  'readNotes',
  'writeNotes',
  'recordContact',
  'close',
] as const;
type SituationPermissionKey = (typeof situationPermissionKeys)[number];
type SituationExpectations = Record<SituationPermissionKey, Outcome>;
type SituationRow = [Who, Relation, Stage, SituationExpectations];

const situationPermission = (key: SituationPermissionKey): Permission => `situation.${key}`;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const TABLE = 'table-1';
const OTHER_TABLE = 'table-2';
/** The agency of the person asking. */
const OWN = 'agency-own';
/** Other agencies, standing in for whichever role the person's own agency does not hold. */
const ORIGIN = 'agency-origin';
const LEAD = 'agency-lead';
const ASSIST = 'agency-assist';
const BYSTANDER = 'agency-bystander';

function actorFor(who: Who, overrides: Partial<Actor> = {}): Actor {
  const base: Actor = {
    userId: `user-${who}`,
    agencyId: OWN,
    isAdministrator: false,
    secondFactor: true,
    memberships: [],
  };
  switch (who) {
    case 'non_member':
      // A member elsewhere, with every right there: nothing of it may carry over to this table.
      base.memberships = [{ tableId: OTHER_TABLE, role: 'coordinator', agreementAccepted: true }];
      break;
    case 'administrator':
      base.isAdministrator = true;
      break;
    default:
      base.memberships = [
        { tableId: OTHER_TABLE, role: 'privacy_officer', agreementAccepted: false },
        { tableId: TABLE, role: who, agreementAccepted: true },
      ];
  }
  return { ...base, ...overrides };
}

/**
 * A situation of TABLE at `stage` whose agencies stand in `relation` to the person's agency. The
 * record carries the same lead/assisting/present agencies at every stage: the policy must decide
 * from the stage, so even a record that could not arise (a draft with a lead) is pinned down.
 */
function situationFor(
  relation: Relation,
  stage: Stage,
  overrides: Partial<SituationSubject> = {},
): SituationSubject {
  const rel = relationFlags[relation];
  return {
    kind: 'situation',
    tableId: TABLE,
    requiresSecondFactor: true,
    stage,
    originatingAgencyId: rel.originating ? OWN : ORIGIN,
    agenciesPresent: [
      ...(rel.originating ? [] : [ORIGIN]),
      ...(rel.lead ? [] : [LEAD]),
      ASSIST,
      BYSTANDER,
      ...(rel.present ? [OWN] : []),
    ],
    leadAgencyId: rel.lead ? OWN : LEAD,
    assistingAgencyIds: rel.assisting ? [ASSIST, OWN] : [ASSIST],
    ...overrides,
  };
}

function tableFor(overrides: Partial<TableSubject> = {}): TableSubject {
  return { kind: 'table', tableId: TABLE, requiresSecondFactor: true, ...overrides };
}

const SYSTEM: SystemSubject = { kind: 'system' };

function outcome(actor: Actor, permission: Permission, subject: Subject): Outcome {
  const decision = decide(actor, permission, subject);
  return decision.allowed ? 'allow' : decision.reason;
}

function situationOutcomes(actor: Actor, subject: SituationSubject): SituationExpectations {
  const entries = situationPermissionKeys.map((key) => [
    key,
    outcome(actor, situationPermission(key), subject),
  ]);
  return Object.fromEntries(entries) as SituationExpectations;
}

// ---------------------------------------------------------------------------------------------
// The situation table: role × relation × stage, every situation permission spelled out
// ---------------------------------------------------------------------------------------------
//
// How each column is read (domain README, "The Four Filter process" and "Privacy rules"):
// - viewDeidentified: a draft (filter 1) only by its originating agency ("nothing leaves the
//   agency"); from filter 2 on, by every coordinator and agency representative of the table,
//   rejected and closed situations included. A situation the person may not see at all is
//   `hidden` for EVERY permission, so that the API answers 404 and never confirms it exists.
// - editDraft, present: the originating agency, while a draft.
// - editIdentity: the originating agency, while identity is held and the situation open
//   (draft to filter 4); a rejected situation keeps no identity, a closed one is only retained.
// - viewIdentity: draft and filter 2: the originating agency only; filter 3: the agencies present
//   at the filter-2 decision and the originating agency; filter 4 and closed: the lead, assisting
//   and originating agencies; rejected: nobody. Otherwise `identity_not_available`.
// - decide (filter 2), assign (filter 3), close (filter 4): the coordinator, whatever their agency.
// - declareInvolvement: an agency present at the decision, at filter 3.
// - readNotes (filter 4 and closed), writeNotes (filter 4): the intervention team — the lead,
//   assisting and originating agencies. The README keeps filter-4 details "among the lead and
//   assisting agencies"; the product's workflow specification (issue #4) adds the originating
//   agency, which brought the situation and usually takes part in the door knock.
// - recordContact (filter 4): the lead and assisting agencies, who make the contact.
const situationTable: SituationRow[] = [
  // Coordinator (chair): decides at filter 2, assigns lead/assisting at filter 3, closes at filter 4.
  // Sees every non-draft situation of the table de-identified; drafts, identity and intervention
  // notes only where their own agency may (same relation rules as an agency representative).
  [
    'coordinator',
    'none',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'coordinator',
    'none',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'allow',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'none',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'none',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'allow',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'none',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'allow',
    },
  ],
  [
    'coordinator',
    'none',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating',
    'draft',
    {
      viewDeidentified: 'allow',
      editDraft: 'allow',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'allow',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'allow',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'allow',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow', // the originating agency stays in the intervention team (issue #4)
      writeNotes: 'allow', // the originating agency stays in the intervention team (issue #4)
      recordContact: 'not_permitted',
      close: 'allow',
    },
  ],
  [
    'coordinator',
    'originating',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow', // the originating agency stays in the intervention team (issue #4)
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'present',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'coordinator',
    'present',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'allow',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'present',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'present',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'allow',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'present',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'allow',
    },
  ],
  [
    'coordinator',
    'present',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'coordinator',
    'lead',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'allow',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'lead',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'lead',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'allow',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'lead',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'allow',
      recordContact: 'allow',
      close: 'allow',
    },
  ],
  [
    'coordinator',
    'lead',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'assisting',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'coordinator',
    'assisting',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'allow',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'assisting',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'assisting',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'allow',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'assisting',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'allow',
      recordContact: 'allow',
      close: 'allow',
    },
  ],
  [
    'coordinator',
    'assisting',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating+lead',
    'draft',
    {
      viewDeidentified: 'allow',
      editDraft: 'allow',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'allow',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating+lead',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'allow',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating+lead',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating+lead',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'allow',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'coordinator',
    'originating+lead',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'allow',
      recordContact: 'allow',
      close: 'allow',
    },
  ],
  [
    'coordinator',
    'originating+lead',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],

  // Agency representative: drafts and presents for their agency, declares involvement at filter 3
  // when their agency was present, works filter 4 when lead or assisting. Never decides, assigns or
  // closes.
  [
    'agency_rep',
    'none',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'agency_rep',
    'none',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'none',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'none',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'none',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'none',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating',
    'draft',
    {
      viewDeidentified: 'allow',
      editDraft: 'allow',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'allow',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow', // the originating agency stays in the intervention team (issue #4)
      writeNotes: 'allow', // the originating agency stays in the intervention team (issue #4)
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow', // the originating agency stays in the intervention team (issue #4)
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'present',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'agency_rep',
    'present',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'present',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'present',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'present',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'present',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'agency_rep',
    'lead',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'lead',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'lead',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'lead',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'allow',
      recordContact: 'allow',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'lead',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'assisting',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'agency_rep',
    'assisting',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'assisting',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'assisting',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'assisting',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'allow',
      recordContact: 'allow',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'assisting',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating+lead',
    'draft',
    {
      viewDeidentified: 'allow',
      editDraft: 'allow',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'allow',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating+lead',
    'filter2',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating+lead',
    'rejected',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'identity_not_available',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating+lead',
    'filter3',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'allow',
      assign: 'not_permitted',
      readNotes: 'not_permitted',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating+lead',
    'filter4',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'allow',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'allow',
      recordContact: 'allow',
      close: 'not_permitted',
    },
  ],
  [
    'agency_rep',
    'originating+lead',
    'closed',
    {
      viewDeidentified: 'allow',
      editDraft: 'not_permitted',
      editIdentity: 'not_permitted',
      viewIdentity: 'allow',
      present: 'not_permitted',
      decide: 'not_permitted',
      declareInvolvement: 'not_permitted',
      assign: 'not_permitted',
      readNotes: 'allow',
      writeNotes: 'not_permitted',
      recordContact: 'not_permitted',
      close: 'not_permitted',
    },
  ],

  // Analyst: de-identified statistics only. No situation exists for them, whatever their agency
  // has to do with it (hidden, so the API answers 404).
  [
    'analyst',
    'none',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'none',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'none',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'none',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'none',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'none',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'present',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'present',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'present',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'present',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'present',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'present',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'assisting',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'assisting',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'assisting',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'assisting',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'assisting',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'assisting',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating+lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating+lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating+lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating+lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating+lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'analyst',
    'originating+lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],

  // Privacy officer: the audit log only. No situation content: hidden.
  [
    'privacy_officer',
    'none',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'none',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'none',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'none',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'none',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'none',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'present',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'present',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'present',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'present',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'present',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'present',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'assisting',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'assisting',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'assisting',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'assisting',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'assisting',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'assisting',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating+lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating+lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating+lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating+lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating+lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'privacy_officer',
    'originating+lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],

  // Non-member: a coordinator of ANOTHER table, with no membership on this one. The situation must
  // look as if it did not exist, even to a user of the originating agency.
  [
    'non_member',
    'none',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'none',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'none',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'none',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'none',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'none',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'present',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'present',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'present',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'present',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'present',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'present',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'assisting',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'assisting',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'assisting',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'assisting',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'assisting',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'assisting',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating+lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating+lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating+lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating+lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating+lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'non_member',
    'originating+lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],

  // Administrator without membership on this table: administration, never situation content.
  [
    'administrator',
    'none',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'none',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'none',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'none',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'none',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'none',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'present',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'present',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'present',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'present',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'present',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'present',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'assisting',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'assisting',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'assisting',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'assisting',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'assisting',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'assisting',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating+lead',
    'draft',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating+lead',
    'filter2',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating+lead',
    'rejected',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating+lead',
    'filter3',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating+lead',
    'filter4',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
  [
    'administrator',
    'originating+lead',
    'closed',
    {
      viewDeidentified: 'hidden',
      editDraft: 'hidden',
      editIdentity: 'hidden',
      viewIdentity: 'hidden',
      present: 'hidden',
      decide: 'hidden',
      declareInvolvement: 'hidden',
      assign: 'hidden',
      readNotes: 'hidden',
      writeNotes: 'hidden',
      recordContact: 'hidden',
      close: 'hidden',
    },
  ],
];

describe('situation permissions, cell by cell (role · relation of their agency · stage)', () => {
  it.each(situationTable)('%s · agency %s · %s', (who, relation, stage, expected) => {
    expect(situationOutcomes(actorFor(who), situationFor(relation, stage))).toEqual(expected);
  });
});

describe('the situation table is complete', () => {
  it('uses the policy’s own roles, stages and situation permissions', () => {
    expect([...roles]).toEqual(['coordinator', 'agency_rep', 'analyst', 'privacy_officer']);
    expect([...stages]).toEqual(['draft', 'filter2', 'rejected', 'filter3', 'filter4', 'closed']);
    const situationPermissions = permissions.filter(
      (p) => p.startsWith('situation.') && p !== 'situation.create',
    );
    expect(situationPermissionKeys.map(situationPermission)).toEqual(situationPermissions);
  });

  it('has every role × relation × stage exactly once', () => {
    const product = whos.flatMap((who) =>
      relations.flatMap((relation) => stages.map((stage) => `${who} · ${relation} · ${stage}`)),
    );
    const counts = new Map<string, number>();
    for (const [who, relation, stage] of situationTable) {
      const key = `${who} · ${relation} · ${stage}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(product).toHaveLength(6 * 6 * 6);
    expect(product.filter((key) => counts.get(key) !== 1)).toEqual([]);
    expect([...counts.keys()].filter((key) => !product.includes(key))).toEqual([]);
    expect(situationTable).toHaveLength(product.length);
  });

  it('spells out every situation permission in every row, and nothing else', () => {
    for (const [who, relation, stage, expected] of situationTable) {
      expect(Object.keys(expected).sort(), `${who} · ${relation} · ${stage}`).toEqual(
        [...situationPermissionKeys].sort(),
      );
    }
    const cells = situationTable.reduce(
      (n, [, , , expected]) => n + Object.keys(expected).length,
      0,
    );
    expect(cells).toBe(216 * 12);
  });

  it('builds each relation as named (fixture check)', () => {
    for (const relation of relations) {
      for (const stage of stages) {
        expect(relationOf(actorFor('agency_rep'), situationFor(relation, stage))).toEqual(
          relationFlags[relation],
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Table-level permissions, on a TableSubject, and administration on the SystemSubject
// ---------------------------------------------------------------------------------------------

const tablePermissions = [
  'table.view',
  'situation.create',
  'meeting.run',
  'statistics.read',
  'statistics.export',
  'audit.read',
  'membership.review',
  'membership.confirm',
  'admin.manage',
] as const satisfies readonly Permission[];
type TablePermission = (typeof tablePermissions)[number];
type TableLevelRow = [
  Who,
  { onTable: Record<TablePermission, Outcome>; onSystem: { 'admin.manage': Outcome } },
];

const tableLevelTable: TableLevelRow[] = [
  [
    'coordinator',
    {
      onTable: {
        'table.view': 'allow',
        'situation.create': 'allow',
        'meeting.run': 'allow',
        'statistics.read': 'not_permitted',
        'statistics.export': 'not_permitted',
        'audit.read': 'not_permitted',
        'membership.review': 'allow',
        'membership.confirm': 'allow',
        'admin.manage': 'not_permitted',
      },
      onSystem: { 'admin.manage': 'not_permitted' },
    },
  ],
  [
    'agency_rep',
    {
      onTable: {
        'table.view': 'allow',
        'situation.create': 'allow',
        'meeting.run': 'not_permitted',
        'statistics.read': 'not_permitted',
        'statistics.export': 'not_permitted',
        'audit.read': 'not_permitted',
        'membership.review': 'not_permitted',
        'membership.confirm': 'not_permitted',
        'admin.manage': 'not_permitted',
      },
      onSystem: { 'admin.manage': 'not_permitted' },
    },
  ],
  [
    'analyst',
    {
      onTable: {
        'table.view': 'allow',
        'situation.create': 'not_permitted',
        'meeting.run': 'not_permitted',
        'statistics.read': 'allow',
        'statistics.export': 'allow',
        'audit.read': 'not_permitted',
        'membership.review': 'not_permitted',
        'membership.confirm': 'not_permitted',
        'admin.manage': 'not_permitted',
      },
      onSystem: { 'admin.manage': 'not_permitted' },
    },
  ],
  [
    'privacy_officer',
    {
      onTable: {
        'table.view': 'allow',
        'situation.create': 'not_permitted',
        'meeting.run': 'not_permitted',
        'statistics.read': 'not_permitted',
        'statistics.export': 'not_permitted',
        'audit.read': 'allow',
        'membership.review': 'allow',
        'membership.confirm': 'allow',
        'admin.manage': 'not_permitted',
      },
      onSystem: { 'admin.manage': 'not_permitted' },
    },
  ],
  [
    'non_member',
    {
      onTable: {
        'table.view': 'hidden',
        'situation.create': 'hidden',
        'meeting.run': 'hidden',
        'statistics.read': 'hidden',
        'statistics.export': 'hidden',
        'audit.read': 'hidden',
        // Pinned as the policy answers it: admin.manage is decided before membership, so a
        // non-administrator is told 403 rather than 404. A table's existence is not personal
        // information; raised as a question, not asserted as a domain violation.
        'membership.review': 'hidden',
        'membership.confirm': 'hidden',
        'admin.manage': 'not_permitted',
      },
      onSystem: { 'admin.manage': 'not_permitted' },
    },
  ],
  [
    'administrator',
    {
      onTable: {
        'table.view': 'hidden',
        'situation.create': 'hidden',
        'meeting.run': 'hidden',
        'statistics.read': 'hidden',
        'statistics.export': 'hidden',
        'audit.read': 'hidden',
        'membership.review': 'hidden',
        'membership.confirm': 'hidden',
        'admin.manage': 'allow',
      },
      onSystem: { 'admin.manage': 'allow' },
    },
  ],
];

describe('table-level permissions', () => {
  it.each(tableLevelTable)('%s, on the table and on the system', (who, expected) => {
    const actor = actorFor(who);
    const onTable = Object.fromEntries(
      tablePermissions.map((permission) => [permission, outcome(actor, permission, tableFor())]),
    );
    expect({
      onTable,
      onSystem: { 'admin.manage': outcome(actor, 'admin.manage', SYSTEM) },
    }).toEqual(expected);
  });

  it('lists every person once and every non-situation permission plus situation.create', () => {
    expect(tableLevelTable.map(([who]) => who)).toEqual([...whos]);
    const tableLevel = permissions.filter(
      (p) => !p.startsWith('situation.') || p === 'situation.create',
    );
    expect([...tablePermissions].sort()).toEqual([...tableLevel].sort());
    for (const [who, expected] of tableLevelTable) {
      expect(Object.keys(expected.onTable).sort(), who).toEqual([...tablePermissions].sort());
    }
  });

  it('refuses every other permission on the system subject, even to an administrator', () => {
    for (const who of whos) {
      for (const permission of permissions.filter((p) => p !== 'admin.manage')) {
        expect(outcome(actorFor(who), permission, SYSTEM), `${who} ${permission}`).toBe(
          'not_permitted',
        );
      }
    }
  });

  it('never grants a table-level permission on a situation', () => {
    for (const stage of stages) {
      for (const who of ['coordinator', 'agency_rep'] as const) {
        const subject = situationFor('originating+lead', stage);
        for (const permission of tablePermissions) {
          expect(outcome(actorFor(who), permission, subject), `${who} ${permission} ${stage}`).toBe(
            'not_permitted',
          );
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Confirming a pending membership (separation of duties), on a MembershipSubject
// ---------------------------------------------------------------------------------------------

/** Who the actor is to the pending membership: a third person, the member, or who asked for it. */
type Party = 'other' | 'member' | 'requester';

function membershipFor(
  who: Who,
  party: Party,
  tableHasCoordinator: boolean,
  overrides: Partial<MembershipSubject> = {},
): MembershipSubject {
  const self = actorFor(who).userId;
  return {
    kind: 'membership',
    tableId: TABLE,
    requiresSecondFactor: true,
    memberUserId: party === 'member' ? self : 'user-new-member',
    requestedBy: party === 'requester' ? self : 'user-some-administrator',
    tableHasCoordinator,
    ...overrides,
  };
}

// prettier-ignore
const confirmationTable: Array<[Who, Party, boolean, Outcome]> = [
  // who               party        table has a coordinator  membership.confirm
  ['coordinator',      'other',     true,                    'allow'],
  ['coordinator',      'member',    true,                    'not_permitted'],
  ['coordinator',      'requester', true,                    'not_permitted'],
  ['privacy_officer',  'other',     true,                    'not_permitted'],
  ['privacy_officer',  'other',     false,                   'allow'],
  ['privacy_officer',  'member',    false,                   'not_permitted'],
  ['privacy_officer',  'requester', false,                   'not_permitted'],
  ['agency_rep',       'other',     false,                   'hidden'],
  ['agency_rep',       'requester', true,                    'hidden'],
  ['analyst',          'other',     false,                   'hidden'],
  ['non_member',       'other',     false,                   'hidden'],
  ['administrator',    'other',     false,                   'hidden'],
  ['administrator',    'requester', false,                   'hidden'],
];

describe('confirming a pending membership', () => {
  it.each(confirmationTable)(
    '%s, as %s, table with coordinator: %s → %s',
    (who, party, hasCoordinator, expected) => {
      expect(
        outcome(actorFor(who), 'membership.confirm', membershipFor(who, party, hasCoordinator)),
      ).toBe(expected);
    },
  );

  it('grants nothing else on a membership', () => {
    for (const permission of permissions.filter((p) => p !== 'membership.confirm')) {
      expect(
        outcome(actorFor('coordinator'), permission, membershipFor('coordinator', 'other', true)),
        permission,
      ).toBe('not_permitted');
    }
  });

  it('asks a second factor of the confirmer where the table requires one, after hiding', () => {
    const noFactor = { secondFactor: false };
    expect(
      outcome(
        actorFor('coordinator', noFactor),
        'membership.confirm',
        membershipFor('coordinator', 'other', true),
      ),
    ).toBe('second_factor_required');
    expect(
      outcome(
        actorFor('coordinator', noFactor),
        'membership.confirm',
        membershipFor('coordinator', 'other', true, { requiresSecondFactor: false }),
      ),
    ).toBe('allow');
    expect(
      outcome(
        actorFor('agency_rep', noFactor),
        'membership.confirm',
        membershipFor('agency_rep', 'other', true),
      ),
    ).toBe('hidden');
  });

  it('is per table: a coordinator elsewhere cannot confirm here', () => {
    const elsewhere = actorFor('coordinator', {
      memberships: [{ tableId: OTHER_TABLE, role: 'coordinator', agreementAccepted: true }],
    });
    expect(
      outcome(elsewhere, 'membership.confirm', membershipFor('coordinator', 'other', false)),
    ).toBe('hidden');
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-cutting rules
// ---------------------------------------------------------------------------------------------

const memberWhos = ['coordinator', 'agency_rep'] as const;
/** The rows in which a member may see the situation at all. */
const visibleRows = situationTable.filter(
  ([who, , , expected]) =>
    (memberWhos as readonly Who[]).includes(who) && expected.viewDeidentified === 'allow',
);
const everyKey = (value: Outcome): SituationExpectations =>
  Object.fromEntries(situationPermissionKeys.map((key) => [key, value])) as SituationExpectations;

describe('second factor', () => {
  it('a table that requires one refuses every permission on a visible situation without it', () => {
    expect(visibleRows.length).toBeGreaterThan(0);
    for (const [who, relation, stage] of visibleRows) {
      const actor = actorFor(who, { secondFactor: false });
      expect(
        situationOutcomes(actor, situationFor(relation, stage)),
        `${who} ${relation} ${stage}`,
      ).toEqual(everyKey('second_factor_required'));
    }
  });

  it('and allows with it', () => {
    const subject = situationFor('present', 'filter3');
    expect(
      outcome(actorFor('agency_rep', { secondFactor: false }), 'situation.viewIdentity', subject),
    ).toBe('second_factor_required');
    expect(
      outcome(actorFor('agency_rep', { secondFactor: true }), 'situation.viewIdentity', subject),
    ).toBe('allow');
  });

  it('a table that requires one refuses the table permissions a role holds, and allows with it', () => {
    for (const [who, expected] of tableLevelTable) {
      if (!(roles as readonly Who[]).includes(who)) continue;
      for (const permission of tablePermissions) {
        if (expected.onTable[permission] !== 'allow') continue;
        expect(
          outcome(actorFor(who, { secondFactor: false }), permission, tableFor()),
          `${who} ${permission}`,
        ).toBe('second_factor_required');
        expect(
          outcome(actorFor(who, { secondFactor: true }), permission, tableFor()),
          `${who} ${permission}`,
        ).toBe('allow');
      }
    }
  });

  it('a permission the role never holds stays not_permitted without a second factor', () => {
    expect(
      outcome(actorFor('agency_rep', { secondFactor: false }), 'meeting.run', tableFor()),
    ).toBe('not_permitted');
    expect(outcome(actorFor('analyst', { secondFactor: false }), 'audit.read', tableFor())).toBe(
      'not_permitted',
    );
  });

  it('a table that does not require one answers a session without it as the table says', () => {
    for (const [who, relation, stage] of situationTable) {
      const withoutFactor = situationOutcomes(
        actorFor(who, { secondFactor: false }),
        situationFor(relation, stage, { requiresSecondFactor: false }),
      );
      const withFactor = situationOutcomes(actorFor(who), situationFor(relation, stage));
      expect(withoutFactor, `${who} ${relation} ${stage}`).toEqual(withFactor);
    }
    for (const [who, expected] of tableLevelTable) {
      for (const permission of tablePermissions) {
        const actor = actorFor(who, { secondFactor: false });
        expect(outcome(actor, permission, tableFor({ requiresSecondFactor: false })), who).toBe(
          expected.onTable[permission],
        );
      }
    }
  });
});

describe('confidentiality agreement', () => {
  const withoutAgreement = (role: Role, extra: Partial<Actor> = {}): Actor =>
    actorFor(role, {
      memberships: [{ tableId: TABLE, role, agreementAccepted: false }],
      ...extra,
    });

  it('refuses every permission on a visible situation until accepted', () => {
    for (const [who, relation, stage] of visibleRows) {
      const actor = withoutAgreement(who as Role);
      expect(
        situationOutcomes(actor, situationFor(relation, stage)),
        `${who} ${relation} ${stage}`,
      ).toEqual(everyKey('agreement_required'));
    }
  });

  it('refuses meeting.run and situation.create but keeps table.view', () => {
    const coordinator = withoutAgreement('coordinator');
    expect(outcome(coordinator, 'table.view', tableFor())).toBe('allow');
    expect(outcome(coordinator, 'meeting.run', tableFor())).toBe('agreement_required');
    expect(outcome(coordinator, 'situation.create', tableFor())).toBe('agreement_required');
    const rep = withoutAgreement('agency_rep');
    expect(outcome(rep, 'table.view', tableFor())).toBe('allow');
    expect(outcome(rep, 'situation.create', tableFor())).toBe('agreement_required');
  });

  it('does not gate de-identified statistics or the audit log (no situation data)', () => {
    const analyst = withoutAgreement('analyst');
    expect(outcome(analyst, 'table.view', tableFor())).toBe('allow');
    expect(outcome(analyst, 'statistics.read', tableFor())).toBe('allow');
    expect(outcome(analyst, 'statistics.export', tableFor())).toBe('allow');
    const privacyOfficer = withoutAgreement('privacy_officer');
    expect(outcome(privacyOfficer, 'audit.read', tableFor())).toBe('allow');
  });

  it('is per table: accepting another table’s agreement does not count', () => {
    const actor = actorFor('agency_rep', {
      memberships: [
        { tableId: OTHER_TABLE, role: 'agency_rep', agreementAccepted: true },
        { tableId: TABLE, role: 'agency_rep', agreementAccepted: false },
      ],
    });
    expect(outcome(actor, 'situation.viewDeidentified', situationFor('present', 'filter3'))).toBe(
      'agreement_required',
    );
    expect(
      outcome(
        actor,
        'situation.viewDeidentified',
        situationFor('present', 'filter3', { tableId: OTHER_TABLE }),
      ),
    ).toBe('allow');
  });

  it('is asked after the second factor', () => {
    const actor = withoutAgreement('coordinator', { secondFactor: false });
    expect(outcome(actor, 'situation.viewDeidentified', situationFor('none', 'filter2'))).toBe(
      'second_factor_required',
    );
    expect(outcome(actor, 'meeting.run', tableFor())).toBe('second_factor_required');
  });
});

describe('hidden takes precedence (a 404 never confirms that something exists)', () => {
  const bare: Partial<Actor> = { secondFactor: false };

  it('a non-member is told hidden even without second factor or agreement', () => {
    const actor = actorFor('non_member', {
      secondFactor: false,
      memberships: [{ tableId: OTHER_TABLE, role: 'coordinator', agreementAccepted: false }],
    });
    for (const relation of relations) {
      for (const stage of stages) {
        expect(
          situationOutcomes(actor, situationFor(relation, stage)),
          `${relation} ${stage}`,
        ).toEqual(everyKey('hidden'));
      }
    }
    for (const permission of tablePermissions.filter((p) => p !== 'admin.manage')) {
      expect(outcome(actor, permission, tableFor()), permission).toBe('hidden');
    }
  });

  it('another agency’s draft is hidden from members even without second factor or agreement', () => {
    for (const role of memberWhos) {
      const actor = actorFor(role, {
        ...bare,
        memberships: [{ tableId: TABLE, role, agreementAccepted: false }],
      });
      for (const relation of relations.filter((r) => !relationFlags[r].originating)) {
        expect(
          situationOutcomes(actor, situationFor(relation, 'draft')),
          `${role} ${relation}`,
        ).toEqual(everyKey('hidden'));
      }
    }
  });

  it('analysts, privacy officers and administrators are told hidden without second factor', () => {
    for (const who of ['analyst', 'privacy_officer', 'administrator'] as const) {
      for (const stage of stages) {
        const subject = situationFor('originating+lead', stage);
        expect(situationOutcomes(actorFor(who, bare), subject), `${who} ${stage}`).toEqual(
          everyKey('hidden'),
        );
      }
    }
  });

  // Separation of duties (issue 8): an administrator never holds a table role. Should an actor
  // ever carry both (the database refuses it), the memberships count for nothing.
  it('an administrator who is also a member is refused everything at the table, as hidden', () => {
    const actor = actorFor('coordinator', { isAdministrator: true });
    for (const relation of relations) {
      for (const stage of stages) {
        expect(
          situationOutcomes(actor, situationFor(relation, stage)),
          `${relation} ${stage}`,
        ).toEqual(everyKey('hidden'));
      }
    }
    for (const permission of tablePermissions.filter((p) => p !== 'admin.manage')) {
      expect(outcome(actor, permission, tableFor()), permission).toBe('hidden');
    }
    for (const permission of permissions) {
      expect(tablesWhere(actor, permission), permission).toEqual([]);
    }
  });

  // Domain: "identifying information never appears at filters 1–2 outside the originating
  // agency", a draft is filter 1 ("nothing leaves the agency"), and an administrator "sees no
  // situation content"; the policy's own contract: `hidden` means the subject must look as if it
  // did not exist. admin.manage is decided before membership and visibility, so it answers 403 (or
  // allows an administrator) on a situation the person may not even know exists.
  it('admin.manage does not bypass visibility: a situation hidden from the person stays hidden', () => {
    const draft = situationFor('none', 'draft');
    expect
      .soft(outcome(actorFor('non_member'), 'admin.manage', draft), 'non-member, draft')
      .toBe('hidden');
    expect
      .soft(outcome(actorFor('agency_rep'), 'admin.manage', draft), 'rep, another agency’s draft')
      .toBe('hidden');
    expect
      .soft(outcome(actorFor('analyst'), 'admin.manage', situationFor('none', 'filter4')))
      .toBe('hidden');
    expect
      .soft(
        outcome(actorFor('administrator'), 'admin.manage', situationFor('none', 'filter3')),
        'administrator without membership',
      )
      .toBe('hidden');
  });
});

describe('rolesGranting and tablesWhere', () => {
  const memberRoles: Role[] = ['coordinator', 'agency_rep'];
  // The roles that can ever hold each permission on some table.
  const expectedRoles: Record<Permission, Role[]> = {
    'situation.create': ['coordinator', 'agency_rep'],
    'situation.viewDeidentified': memberRoles,
    'situation.editDraft': memberRoles,
    'situation.editIdentity': memberRoles,
    'situation.viewIdentity': memberRoles,
    'situation.present': memberRoles,
    // Documented as "the roles that can ever hold a permission": only a coordinator ever decides,
    // assigns or closes (domain: the coordinator runs the filter-2 decision, lead/assisting
    // assignment and conclusion; see the situation table above).
    'situation.decide': ['coordinator'],
    'situation.declareInvolvement': memberRoles,
    'situation.assign': ['coordinator'],
    'situation.readNotes': memberRoles,
    'situation.writeNotes': memberRoles,
    'situation.recordContact': memberRoles,
    'situation.close': ['coordinator'],
    'table.view': ['coordinator', 'agency_rep', 'analyst', 'privacy_officer'],
    'meeting.run': ['coordinator'],
    'statistics.read': ['analyst'],
    'statistics.export': ['analyst'],
    'audit.read': ['privacy_officer'],
    'membership.review': ['coordinator', 'privacy_officer'],
    'membership.confirm': ['coordinator', 'privacy_officer'],
    // Held by being an administrator, never through a table role.
    'admin.manage': [],
  };

  it.each(permissions)('rolesGranting(%s)', (permission) => {
    expect(rolesGranting(permission)).toEqual(expectedRoles[permission]);
  });

  it('rolesGranting never leaves out a role that the tables above allow somewhere', () => {
    for (const permission of permissions) {
      const allowedSomewhere = roles.filter(
        (role) =>
          situationTable.some(
            ([who, , , expected]) =>
              who === role &&
              permission.startsWith('situation.') &&
              permission !== 'situation.create' &&
              expected[permission.slice('situation.'.length) as SituationPermissionKey] === 'allow',
          ) ||
          tableLevelTable.some(
            ([who, expected]) =>
              who === role &&
              (tablePermissions as readonly Permission[]).includes(permission) &&
              expected.onTable[permission as TablePermission] === 'allow',
          ),
      );
      expect(rolesGranting(permission), permission).toEqual(
        expect.arrayContaining(allowedSomewhere),
      );
    }
  });

  it('tablesWhere lists the member’s tables whose role grants it, ignoring 2FA and agreement', () => {
    const actor: Actor = {
      userId: 'user-many',
      agencyId: OWN,
      isAdministrator: false,
      secondFactor: false,
      memberships: [
        { tableId: 't-coordinator', role: 'coordinator', agreementAccepted: true },
        { tableId: 't-rep', role: 'agency_rep', agreementAccepted: false },
        { tableId: 't-analyst', role: 'analyst', agreementAccepted: false },
        { tableId: 't-privacy', role: 'privacy_officer', agreementAccepted: true },
      ],
    };
    const expected: Record<Permission, string[]> = {
      'situation.create': ['t-coordinator', 't-rep'],
      'situation.viewDeidentified': ['t-coordinator', 't-rep'],
      'situation.editDraft': ['t-coordinator', 't-rep'],
      'situation.editIdentity': ['t-coordinator', 't-rep'],
      'situation.viewIdentity': ['t-coordinator', 't-rep'],
      'situation.present': ['t-coordinator', 't-rep'],
      'situation.decide': ['t-coordinator'],
      'situation.declareInvolvement': ['t-coordinator', 't-rep'],
      'situation.assign': ['t-coordinator'],
      'situation.readNotes': ['t-coordinator', 't-rep'],
      'situation.writeNotes': ['t-coordinator', 't-rep'],
      'situation.recordContact': ['t-coordinator', 't-rep'],
      'situation.close': ['t-coordinator'],
      'table.view': ['t-coordinator', 't-rep', 't-analyst', 't-privacy'],
      'meeting.run': ['t-coordinator'],
      'statistics.read': ['t-analyst'],
      'statistics.export': ['t-analyst'],
      'audit.read': ['t-privacy'],
      'membership.review': ['t-coordinator', 't-privacy'],
      'membership.confirm': ['t-coordinator', 't-privacy'],
      // Membership-based: administration is not a table role.
      'admin.manage': [],
    };
    for (const permission of permissions) {
      expect.soft(tablesWhere(actor, permission), permission).toEqual(expected[permission]);
    }
  });

  it('tablesWhere is empty for a person with no membership', () => {
    for (const permission of permissions) {
      expect(tablesWhere(actorFor('administrator'), permission), permission).toEqual([]);
    }
  });
});

describe('deny by default', () => {
  const unknown = [
    'situation.delete',
    'situation.viewidentity',
    'situation.',
    'situation',
    'table.delete',
    'meeting.cancel',
    'statistics.write',
    'audit.write',
    'admin',
    'admin.manage.all',
    '*',
    '',
  ] as unknown as Permission[];

  const powerful = actorFor('coordinator');

  it.each(unknown)('an unknown permission %j is denied everywhere', (permission) => {
    const subjects: Subject[] = [
      SYSTEM,
      tableFor(),
      tableFor({ requiresSecondFactor: false }),
      ...stages.map((stage) => situationFor('originating+lead', stage)),
    ];
    for (const subject of subjects) {
      const label = subject.kind === 'situation' ? subject.stage : subject.kind;
      expect(decide(powerful, permission, subject).allowed, label).toBe(false);
      expect(can(powerful, permission, subject), label).toBe(false);
    }
  });
});
