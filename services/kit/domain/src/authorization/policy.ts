import { ForbiddenError, UnauthenticatedError, type Identity, type Role } from '@hrc/service-kit';

/*
 * The hub's authorization policy, stated once as data. Resolvers name a rule (`@Allow(Rule.SECRETARIAT)`), services
 * check record rules against the locked row with `assertAllowed`, the authorization-matrix test derives every
 * expected outcome from `outcomeFor`, and the README's policy table is printed from `RULES`.
 */

export enum Rule {
  PUBLIC = 'PUBLIC',
  SIGNED_IN = 'SIGNED_IN',
  CONTRIBUTOR = 'CONTRIBUTOR',
  OWNER = 'OWNER',
  REPORTER = 'REPORTER',
  SECRETARIAT = 'SECRETARIAT',
}

export interface RuleDefinition {
  /** Who passes, in words; the README table and FORBIDDEN messages use it. */
  who: string;
  /** Roles that pass; 'anyone' includes callers without a token. */
  roles: readonly Role[] | 'anyone';
  /** A partner passes only for records that belong to its own organisation (the secretariat always passes). */
  ownOrganisationOnly: boolean;
}

export const RULES: Record<Rule, RuleDefinition> = {
  [Rule.PUBLIC]: { who: 'anyone, with or without a token', roles: 'anyone', ownOrganisationOnly: false },
  [Rule.SIGNED_IN]: {
    who: 'any caller with a valid token',
    roles: ['partner', 'liaison', 'secretariat'],
    ownOrganisationOnly: false,
  },
  [Rule.CONTRIBUTOR]: {
    who: 'a partner organisation, acting for itself, or the secretariat',
    roles: ['partner', 'secretariat'],
    ownOrganisationOnly: false,
  },
  [Rule.OWNER]: {
    who: 'a partner of the organisation the record belongs to, or the secretariat',
    roles: ['partner', 'secretariat'],
    ownOrganisationOnly: true,
  },
  [Rule.REPORTER]: {
    who: 'UN liaison staff or the secretariat',
    roles: ['liaison', 'secretariat'],
    ownOrganisationOnly: false,
  },
  [Rule.SECRETARIAT]: { who: 'the forum secretariat', roles: ['secretariat'], ownOrganisationOnly: false },
};

/**
 * How a rule denies depends on what it guards, never on the rule:
 * - an operation (a root query or a mutation) fails: UNAUTHENTICATED without a token, FORBIDDEN with one;
 * - a record the caller may not read (another organisation's draft) does not exist for it: null, and absent from
 *   lists and totals;
 * - a private field of a record the caller can read is null;
 * - a private list (registrations, enrollments, evaluations) holds only the rows the caller may read, and its total
 *   counts only those; it is empty, never an error, for a caller who may read none.
 */
export const DENIAL_BY_GUARD = {
  operation: 'error: UNAUTHENTICATED without a token, FORBIDDEN with one',
  record: 'absent: null when asked for by id, left out of lists and totals',
  privateField: 'null',
  privateList: 'only the rows the caller may read; the total counts only those',
} as const;
export type Guard = keyof typeof DENIAL_BY_GUARD;

/** What a caller may read, as rows of the policy: the README prints them and a test checks each field's declared rule. */
export interface ReadRight {
  /** The data, in words. */
  data: string;
  rule: Rule;
  /** The fields that serve it and must declare `rule` (`Type.field`); none where visibility is filtered in SQL. */
  fields: readonly string[];
}

export const READ_RIGHTS: readonly ReadRight[] = [
  {
    data: 'published records; statistics, the network report, indicator series, forum participation counts, feedback summaries and sustainability checklists of every edition',
    rule: Rule.PUBLIC,
    fields: [
      'Query.networkReport',
      'Query.policyStatistics',
      'Query.educationReach',
      'Query.indicatorValues',
      'Query.indicatorValue',
    ],
  },
  {
    data: 'accessibility needs of an edition counted by kind (counts only)',
    rule: Rule.REPORTER,
    fields: ['EditionParticipation.accessibilityNeeds'],
  },
  {
    data: "an organisation's own submitted, rejected and withdrawn records, rejection reasons and pending changes",
    rule: Rule.OWNER,
    fields: ['Policy.rejectionReason', 'Policy.pendingChanges', 'IndicatorValue.rejectionReason'],
  },
  {
    data: "a person: a registrant's email and accessibility needs, a participant's name and email, a comment",
    rule: Rule.OWNER,
    fields: [
      'Registration.email',
      'Registration.accessibilityNeeds',
      'Enrollment.participantName',
      'Enrollment.participantEmail',
      'Feedback.comment',
    ],
  },
  {
    data: "an organisation's webhook subscriptions and their deliveries (the secretariat's: every one); a subscription receives what `changes` shows its organisation",
    rule: Rule.CONTRIBUTOR,
    fields: ['Query.webhooks'],
  },
  {
    data: 'the audit trail, the moderation queue and organisations’ contact emails',
    rule: Rule.SECRETARIAT,
    fields: ['Query.auditTrail', 'Query.moderationQueue', 'Organization.contactEmail'],
  },
];

/** The kinds of caller the authorization matrix and the README table distinguish. */
export const CALLERS = ['anonymous', 'owner', 'other partner', 'liaison', 'secretariat'] as const;
export type CallerKind = (typeof CALLERS)[number];
export type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN';

function hasAnyRole(identity: Identity, roles: readonly Role[]): boolean {
  return roles.some((role) => identity.roles.includes(role));
}

export function isSecretariat(identity: Identity): boolean {
  return identity.roles.includes('secretariat');
}

/** The organisation a caller acts for: only a partner token's `org` counts. */
export function actingOrganizationOf(identity: Identity): string | null {
  return identity.roles.includes('partner') ? identity.organizationId : null;
}

/**
 * Whether a caller acts for one of the organisations a record belongs to (`owners`, for example a registrant and
 * an event's organiser): the secretariat always, a partner only for its own organisation.
 */
export function actsFor(identity: Identity, owners: ReadonlyArray<string | null>): boolean {
  if (isSecretariat(identity)) return true;
  const organization = actingOrganizationOf(identity);
  return organization !== null && owners.includes(organization);
}

/** Whether `identity` passes `rule`; for an ownership rule, against the organisations the record belongs to. */
export function allows(rule: Rule, identity: Identity, owners?: ReadonlyArray<string | null>): boolean {
  const definition = RULES[rule];
  if (definition.roles === 'anyone') return true;
  if (!hasAnyRole(identity, definition.roles)) return false;
  if (!definition.ownOrganisationOnly || owners === undefined) return true;
  return actsFor(identity, owners);
}

/**
 * `allows(rule, identity, owners)` as a SQL condition over rows whose owners are in `ownerColumns`, for private lists:
 * it keeps exactly the rows `allows` would, so pages and totals count only those and a caller who may read none gets
 * an empty list. Bind the result with `query.whereRaw(sql, bindings)`.
 */
export function allowsSql(
  rule: Rule,
  identity: Identity,
  ownerColumns: readonly string[],
): { sql: string; bindings: string[] } {
  if (!allows(rule, identity)) return { sql: 'false', bindings: [] };
  if (!RULES[rule].ownOrganisationOnly || isSecretariat(identity)) return { sql: 'true', bindings: [] };
  const organization = actingOrganizationOf(identity);
  if (organization === null || ownerColumns.length === 0) return { sql: 'false', bindings: [] };
  return {
    sql: `(${ownerColumns.map((column) => `${column} = ?`).join(' or ')})`,
    bindings: ownerColumns.map(() => organization),
  };
}

/**
 * Checks an operation's rule and throws the typed error. Without `owners` an ownership rule checks only the roles:
 * resolvers gate on the role, then the service checks the locked record with its owners.
 */
export function assertAllowed(rule: Rule, identity: Identity, owners?: ReadonlyArray<string | null>): void {
  if (allows(rule, identity, owners)) return;
  if (identity.subject === null) throw new UnauthenticatedError();
  throw new ForbiddenError(`Only ${RULES[rule].who} may do this`);
}

/**
 * The organisation a new record is written for (a contribution's contributor, an event's organiser, a registration's
 * registrant): the secretariat names one, or none; a partner always writes for its own organisation and may name no
 * other (FORBIDDEN, by the OWNER rule).
 */
export function organizationOfWrite(identity: Identity, named: string | null | undefined): string | null {
  if (isSecretariat(identity)) return named ?? null;
  assertAllowed(Rule.OWNER, identity, [named ?? identity.organizationId]);
  return identity.organizationId;
}

/**
 * Fields only the secretariat may change, even on a record the OWNER rule lets a partner change: they decide what
 * else the partner may change. An organisation's home city makes its partners partners of that city, whose profile
 * they may then edit, so a partner moving its own organisation would take over any city.
 */
export const SECRETARIAT_FIELDS = {
  Organization: ['homeCityId'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Refuses (FORBIDDEN, naming the field) a non-secretariat write that would change one of the entity's secretariat
 * fields; giving the stored value again is no change.
 */
export function assertSecretariatFieldsKept<E extends keyof typeof SECRETARIAT_FIELDS>(
  identity: Identity,
  entityType: E,
  record: Record<(typeof SECRETARIAT_FIELDS)[E][number], unknown>,
  input: Partial<Record<(typeof SECRETARIAT_FIELDS)[E][number], unknown>>,
): void {
  if (isSecretariat(identity)) return;
  for (const field of SECRETARIAT_FIELDS[entityType] as ReadonlyArray<(typeof SECRETARIAT_FIELDS)[E][number]>) {
    const given = input[field];
    if (given !== undefined && given !== record[field]) {
      throw new ForbiddenError(`Only ${RULES[Rule.SECRETARIAT].who} may change ${field} of an ${entityType}`, {
        field,
      });
    }
  }
}

/** What the matrix expects of each kind of caller, derived from the rule alone. */
export function outcomeFor(rule: Rule, caller: CallerKind): Outcome {
  const definition = RULES[rule];
  if (definition.roles === 'anyone') return 'OK';
  if (caller === 'anonymous') return 'UNAUTHENTICATED';
  const role: Role = caller === 'owner' || caller === 'other partner' ? 'partner' : caller;
  if (!definition.roles.includes(role)) return 'FORBIDDEN';
  if (caller === 'other partner' && definition.ownOrganisationOnly) return 'FORBIDDEN';
  return 'OK';
}
