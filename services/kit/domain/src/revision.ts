import type { EntityClass } from '@mikro-orm/core';

import { findByIdOrFail, type Identity } from '@hrc/service-kit';

import { assertVersion, snapshot, type WriteScope } from './audit/audited-write';
import type { AuditAction, AuditCatalogue } from './audit/catalogue';
import { assertAllowed, Rule } from './authorization/policy';
import { reviseContribution, type Contribution } from './moderation/moderation';

export interface Revision<T, C extends AuditCatalogue> {
  entity: EntityClass<T>;
  /** The audited entity type, which also names the record in version conflicts. */
  entityType: keyof C & string;
  id: string;
  /** The version the writer read; a different stored version is a CONFLICT. */
  expectedVersion: number;
  /** Take the row lock first, for changes that must not interleave with others on the same record. */
  lock?: boolean;
  /** Throws when the caller may not change this record, for example `assertAllowed(Rule.OWNER, …)`. */
  authorize(record: T): void | Promise<void>;
  /** Applies the change; returns the audit action when it is not UPDATE (a held edit is PROPOSE). */
  apply(record: T): void | AuditAction | Promise<void | AuditAction>;
}

/**
 * The audited revision every update shares: find (locked if asked), authorize against the stored record, check the
 * version, snapshot, apply, flush, audit. It runs inside a write scope, so the caller can audit more in the same
 * transaction (a waitlist promotion, say).
 */
export async function revise<T extends { id: string; version: number }, C extends AuditCatalogue>(
  scope: WriteScope<C>,
  revision: Revision<T, C>,
): Promise<T> {
  const record = await findByIdOrFail(scope.em, revision.entity, revision.id, { lock: revision.lock });
  await revision.authorize(record);
  assertVersion(revision.entityType, record, revision.expectedVersion);
  const before = snapshot(record);
  const action = (await revision.apply(record)) ?? 'UPDATE';
  await scope.em.flush();
  scope.audit({
    action,
    entityType: revision.entityType,
    entityId: record.id,
    before,
    after: snapshot(record),
  } as never);
  return record;
}

export interface ContributionRevision<T, C extends AuditCatalogue> extends Omit<Revision<T, C>, 'authorize' | 'apply'> {
  /** Applies the change; throws BAD_USER_INPUT before anything is flushed. */
  edit(record: T): void | Promise<void>;
  /** Operational columns (a capacity, say) that apply at once even while the rest of a partner's edit waits. */
  immediate?: string[];
}

/**
 * The audited revision of a contribution (a policy, a programme, an event): its own organisation's partners and the
 * secretariat may change it (the OWNER rule against `contributedBy`), and a partner's edit to a published record
 * waits in pendingChanges for review while the reviewed version stays public (`reviseContribution`).
 */
export function reviseOwnContribution<T extends Contribution & { id: string }, C extends AuditCatalogue>(
  scope: WriteScope<C>,
  identity: Identity,
  revision: ContributionRevision<T, C>,
): Promise<T> {
  const { edit, immediate, ...target } = revision;
  return revise(scope, {
    ...target,
    authorize: (record) => assertAllowed(Rule.OWNER, identity, [record.contributedBy]),
    apply: (record) => reviseContribution(record, identity, () => edit(record), immediate),
  });
}

/** Inserts a new record and audits its creation in the same transaction. */
export async function insertAudited<T extends { id: string }, C extends AuditCatalogue>(
  scope: WriteScope<C>,
  entityType: keyof C & string,
  record: T,
): Promise<T> {
  scope.em.persist(record);
  await scope.em.flush();
  scope.audit({ action: 'CREATE', entityType, entityId: record.id, after: snapshot(record) } as never);
  return record;
}

/**
 * Copies the fields an input gives onto a record: a property left out of the input (undefined) keeps its value, an
 * explicit null clears it (reject nulls of required fields first, with `assertNoNulls`). Types must agree property by
 * property.
 */
export function assignGiven<T, K extends keyof T>(record: T, input: { [P in K]?: T[P] }, keys: readonly K[]): void {
  for (const key of keys) {
    const value = input[key];
    if (value !== undefined) record[key] = value as T[K];
  }
}
