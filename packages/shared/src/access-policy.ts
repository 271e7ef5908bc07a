/**
 * The one access policy of Fourfold: pure functions that answer, for a person and a subject,
 * whether a permission holds. The API enforces with it; the web client shows or hides actions with
 * it. Deny by default: a permission holds only where a rule below grants it.
 *
 * The rules follow the Four Filter process (see ARCHITECTURE.md, "Where the privacy rules live"):
 * - a draft (filter 1) is known only to its originating agency;
 * - from filter 2 the de-identified situation is shown to every coordinator and agency
 *   representative of the table;
 * - identity is shown to the originating agency throughout, to the agencies present at the
 *   filter-2 decision while at filter 3, and to the lead and assisting agencies from filter 4; a
 *   rejected situation keeps no identity;
 * - intervention notes are among the lead, assisting and originating agencies only;
 * - a coordinator sees identity only where their own agency may;
 * - analysts see statistics, privacy officers the audit log, administrators administration —
 *   none of them situation content by virtue of that role;
 * - separation of duties: an administrator holds no table role, so whatever memberships an
 *   administrator's actor carries are ignored (the database refuses them too);
 * - a membership that can reach identity takes effect when a second person confirms it: the
 *   table's coordinator, or for a table without one its privacy officer, never the member
 *   themself nor the person who asked for it. Pending memberships are not in `memberships`.
 * A table that requires a second factor refuses all its data to a session without one, and a
 * member must have accepted the table's current confidentiality agreement before any of its
 * situation data is served.
 *
 * Plain code without zod, as the web's first download runs it (the session's actor, the menu);
 * the schemas of roles and permissions are built from these lists in `policy-schemas.ts`.
 */
import { allows, stages, type Stage } from './situation-workflow';

export { stages, type Stage };

export const roles = ['coordinator', 'agency_rep', 'analyst', 'privacy_officer'] as const;
export type Role = (typeof roles)[number];

/**
 * Roles whose membership takes effect only once a second person confirms it: coordinators and
 * agency representatives reach identity; a privacy officer confirms memberships on a table without
 * a coordinator, so appointing one must not be one person's decision either. An analyst reaches
 * neither identity nor confirmation and takes effect at once.
 */
export const rolesRequiringConfirmation: readonly Role[] = [
  'coordinator',
  'agency_rep',
  'privacy_officer',
];

export const permissions = [
  // Situations
  'situation.create',
  'situation.viewDeidentified',
  'situation.editDraft',
  'situation.editIdentity',
  'situation.viewIdentity',
  'situation.present',
  'situation.decide',
  'situation.declareInvolvement',
  'situation.assign',
  'situation.readNotes',
  'situation.writeNotes',
  'situation.recordContact',
  'situation.close',
  'situation.manageActions',
  'situation.reportBack',
  // Tables and meetings
  'table.view',
  'meeting.view',
  'meeting.run',
  // Statistics
  'statistics.read',
  'statistics.export',
  // Oversight and administration
  'audit.read',
  // Separation of duties: seeing and confirming the table's pending memberships
  'membership.review',
  'membership.confirm',
  'admin.manage',
] as const;
export type Permission = (typeof permissions)[number];

/** The person asking, as the API knows them on this request. */
export type Actor = {
  userId: string;
  /** Null only for an administrator without an agency. */
  agencyId: string | null;
  isAdministrator: boolean;
  /** Whether this session passed a second factor. */
  secondFactor: boolean;
  /** Confirmed memberships only: a pending one grants nothing and is never loaded here. */
  memberships: ReadonlyArray<{
    tableId: string;
    role: Role;
    /** Whether the member accepted the table's current confidentiality agreement. */
    agreementAccepted: boolean;
    /**
     * The table's second-factor gate, when it was read with the membership (the API reads both
     * in one statement, so a table's gates cost no query of their own); absent elsewhere.
     */
    requiresSecondFactor?: boolean;
  }>;
};

export type TableSubject = {
  kind: 'table';
  tableId: string;
  requiresSecondFactor: boolean;
};

export type SituationSubject = {
  kind: 'situation';
  tableId: string;
  requiresSecondFactor: boolean;
  stage: Stage;
  originatingAgencyId: string;
  /** Agencies recorded as present at the filter-2 decision. */
  agenciesPresent: readonly string[];
  leadAgencyId: string | null;
  assistingAgencyIds: readonly string[];
};

/** The whole system, for permissions that belong to no table (administration). */
export type SystemSubject = { kind: 'system' };

/** A pending membership, for `membership.confirm` (confirming or declining it). */
export type MembershipSubject = {
  kind: 'membership';
  tableId: string;
  requiresSecondFactor: boolean;
  /** The person who would become a member. */
  memberUserId: string;
  /** The person who asked for it (an administrator); null when nobody did. */
  requestedBy: string | null;
  /** Whether the table has a confirmed coordinator whose account is active. */
  tableHasCoordinator: boolean;
};

export type Subject = TableSubject | SituationSubject | SystemSubject | MembershipSubject;

/**
 * Why a permission was refused. `hidden` means the subject must look as if it did not exist (the
 * API answers 404); the other reasons may be told to the person (403), since they already know
 * the subject exists.
 */
export type DenialReason =
  | 'hidden'
  | 'not_permitted'
  | 'second_factor_required'
  | 'agreement_required'
  | 'identity_not_available';

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason };

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenialReason): Decision => ({ allowed: false, reason });

/** The agency relation of a person's agency to a situation, used by the rule table below. */
export type SituationRelation = {
  originating: boolean;
  present: boolean;
  lead: boolean;
  assisting: boolean;
};

export function relationOf(actor: Actor, subject: SituationSubject): SituationRelation {
  const agency = actor.agencyId;
  return {
    originating: agency !== null && subject.originatingAgencyId === agency,
    present: agency !== null && subject.agenciesPresent.includes(agency),
    lead: agency !== null && subject.leadAgencyId === agency,
    assisting: agency !== null && subject.assistingAgencyIds.includes(agency),
  };
}

const situationMemberRoles: readonly Role[] = ['coordinator', 'agency_rep'];

/** Whether a member of the table (coordinator or agency rep) may see the situation at all. */
function situationVisible(role: Role, rel: SituationRelation, stage: Stage): boolean {
  if (!situationMemberRoles.includes(role)) return false;
  if (stage === 'draft') return rel.originating;
  return true;
}

/** Whether the person's agency may see identity at this stage. */
function identityVisible(rel: SituationRelation, stage: Stage): boolean {
  switch (stage) {
    case 'draft':
    case 'filter2':
      return rel.originating;
    case 'filter3':
      return rel.originating || rel.present;
    case 'filter4':
    case 'closed':
      return rel.originating || rel.lead || rel.assisting;
    case 'rejected':
      return false;
  }
}

function interventionTeam(rel: SituationRelation): boolean {
  return rel.originating || rel.lead || rel.assisting;
}

const allowIf = (condition: boolean): Decision => (condition ? ALLOW : deny('not_permitted'));

/**
 * The situation rules once the person is known to be a member who may see the situation. Who may
 * act is decided here; when (at which stage) comes from the state machine (`allows`).
 */
function situationRule(
  permission: Permission,
  role: Role,
  rel: SituationRelation,
  stage: Stage,
): Decision {
  switch (permission) {
    case 'situation.viewDeidentified':
      return ALLOW;
    case 'situation.editDraft':
      return allowIf(rel.originating && allows(stage, 'editDraft'));
    case 'situation.present':
      return allowIf(rel.originating && allows(stage, 'submit'));
    case 'situation.editIdentity':
      return allowIf(rel.originating && allows(stage, 'editIdentity'));
    case 'situation.viewIdentity':
      return identityVisible(rel, stage) ? ALLOW : deny('identity_not_available');
    case 'situation.decide':
      return allowIf(role === 'coordinator' && allows(stage, 'accept'));
    case 'situation.declareInvolvement':
      return allowIf(rel.present && allows(stage, 'declareInvolvement'));
    case 'situation.assign':
      return allowIf(role === 'coordinator' && allows(stage, 'assign'));
    case 'situation.readNotes':
      // Notes are written at filter 4 and stay readable to the team after closure.
      return allowIf(interventionTeam(rel) && (stage === 'filter4' || stage === 'closed'));
    case 'situation.writeNotes':
      return allowIf(interventionTeam(rel) && allows(stage, 'writeNote'));
    case 'situation.recordContact':
      return allowIf((rel.lead || rel.assisting) && allows(stage, 'recordContact'));
    case 'situation.close':
      return allowIf(role === 'coordinator' && allows(stage, 'close'));
    case 'situation.manageActions':
      // The intervention plan belongs to the chair and the lead and assisting agencies.
      return allowIf(
        (role === 'coordinator' || rel.lead || rel.assisting) && allows(stage, 'manageActions'),
      );
    case 'situation.reportBack':
      // Any agency that worked on it reports back to the room; the chair records it for them.
      return allowIf(
        (role === 'coordinator' || rel.originating || rel.present || rel.lead || rel.assisting) &&
          allows(stage, 'reportBack'),
      );
    default:
      return deny('not_permitted');
  }
}

/** The table-level rules: which role holds which permission on its table. */
const tablePermissionsByRole: Record<Role, readonly Permission[]> = {
  coordinator: [
    'table.view',
    'situation.create',
    'meeting.view',
    'meeting.run',
    'membership.review',
    'membership.confirm',
    // The chair reads and exports their own table's statistics, to plan and to report.
    'statistics.read',
    'statistics.export',
  ],
  agency_rep: ['table.view', 'situation.create', 'meeting.view'],
  analyst: ['table.view', 'statistics.read', 'statistics.export'],
  // A privacy officer may follow a meeting and read its minutes; every agenda item shows to them
  // as restricted (reference and stage), since they see no situation content.
  privacy_officer: [
    'table.view',
    'meeting.view',
    'audit.read',
    'membership.review',
    'membership.confirm',
  ],
};

/**
 * Who confirms a pending membership: a coordinator of the table; a privacy officer only while the
 * table has no (active, confirmed) coordinator; never the member nor the person who asked.
 */
function membershipRule(
  actor: Actor,
  role: Role,
  permission: Permission,
  subject: MembershipSubject,
): Decision {
  if (permission !== 'membership.confirm') return deny('not_permitted');
  if (actor.userId === subject.memberUserId || actor.userId === subject.requestedBy) {
    return deny('not_permitted');
  }
  if (role === 'coordinator') return ALLOW;
  if (role === 'privacy_officer' && !subject.tableHasCoordinator) return ALLOW;
  return deny('not_permitted');
}

/** Permissions that serve situation content, and so need the confidentiality agreement. */
const needsAgreement = (permission: Permission) =>
  permission.startsWith('situation.') ||
  permission === 'meeting.run' ||
  permission === 'meeting.view';

export function decide(actor: Actor, permission: Permission, subject: Subject): Decision {
  if (subject.kind === 'system') {
    if (permission === 'admin.manage' && actor.isAdministrator) return ALLOW;
    return deny('not_permitted');
  }
  // Administering a table (its name, members, agreement) is not reading its content.
  if (subject.kind === 'table' && permission === 'admin.manage') {
    return actor.isAdministrator ? ALLOW : deny('not_permitted');
  }

  // Separation of duties: an administrator is never a member, whatever the actor carries.
  if (actor.isAdministrator) return deny('hidden');

  const membership = actor.memberships.find((m) => m.tableId === subject.tableId);
  if (!membership) return deny('hidden');

  if (subject.kind === 'membership') {
    // A pending membership is visible to those who review the table's memberships, hidden else.
    if (!tablePermissionsByRole[membership.role].includes('membership.review')) {
      return deny('hidden');
    }
    if (subject.requiresSecondFactor && !actor.secondFactor) return deny('second_factor_required');
    return membershipRule(actor, membership.role, permission, subject);
  }

  if (subject.kind === 'table') {
    if (!tablePermissionsByRole[membership.role].includes(permission)) {
      return deny('not_permitted');
    }
    if (subject.requiresSecondFactor && !actor.secondFactor) return deny('second_factor_required');
    if (needsAgreement(permission) && !membership.agreementAccepted) {
      return deny('agreement_required');
    }
    return ALLOW;
  }

  // A situation: first whether it is visible at all, so that a hidden one looks missing.
  const rel = relationOf(actor, subject);
  if (!situationVisible(membership.role, rel, subject.stage)) return deny('hidden');
  if (subject.requiresSecondFactor && !actor.secondFactor) return deny('second_factor_required');
  if (!membership.agreementAccepted) return deny('agreement_required');
  if (!permission.startsWith('situation.') || permission === 'situation.create') {
    return deny('not_permitted');
  }
  return situationRule(permission, membership.role, rel, subject.stage);
}

export function can(actor: Actor, permission: Permission, subject: Subject): boolean {
  return decide(actor, permission, subject).allowed;
}

/** Situation permissions that belong to the chair alone, whatever their agency's relation. */
const coordinatorOnly: readonly Permission[] = [
  'situation.decide',
  'situation.assign',
  'situation.close',
];

/** The roles that can ever hold a permission on some table; used to filter lists and menus. */
export function rolesGranting(permission: Permission): Role[] {
  if (!(permissions as readonly string[]).includes(permission)) return [];
  if (coordinatorOnly.includes(permission)) return ['coordinator'];
  if (permission.startsWith('situation.') && permission !== 'situation.create') {
    return [...situationMemberRoles];
  }
  return roles.filter((role) => tablePermissionsByRole[role].includes(permission));
}

/** The tables on which the person holds a table-level permission (ignoring 2FA and agreement). */
export function tablesWhere(actor: Actor, permission: Permission): string[] {
  if (actor.isAdministrator) return [];
  const granting = rolesGranting(permission);
  return actor.memberships.filter((m) => granting.includes(m.role)).map((m) => m.tableId);
}

/**
 * An agenda item (or any list entry naming a situation) the person may not open shows as
 * restricted — its reference and stage only — never hidden, so everyone in the room keeps their
 * place. Whether it is restricted is exactly whether the policy lets them see it de-identified.
 */
export function isRestrictedFor(actor: Actor, subject: SituationSubject): boolean {
  return !can(actor, 'situation.viewDeidentified', subject);
}
