import { Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

import { isSecretariat, type Identity } from './identity';
import { VersionedRecord } from './versioned-record';

export enum ModerationStatus {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ModerationStatus, {
  name: 'ModerationStatus',
  description: 'Where a contributed record stands in the secretariat\'s review',
});

/**
 * The columns every partner-contributed record carries: who contributed it, its review status, and the
 * version a writer must quote to change it.
 * The @ObjectType lets subclasses inherit the fields; it is never a type of its own in the schema.
 */
@ObjectType()
export abstract class ContributedRecord extends VersionedRecord {
  @Field(() => ModerationStatus)
  @Enum({ items: () => ModerationStatus, nativeEnumName: undefined })
  @Index()
  status: Opt<ModerationStatus> = ModerationStatus.SUBMITTED;

  /** The contributing organisation's id; exposed through each subgraph's `contributor` field. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  contributedBy: string | null = null;

  /**
   * A partner's edit to a published record, awaiting review: the new values by property, while the published ones
   * stay public. Served only to the contributor and the secretariat.
   */
  @Property({ type: 'json', nullable: true })
  pendingChanges: Opt<Record<string, unknown>> | null = null;

  /** Why the secretariat rejected the record; served only to the contributor and the secretariat. */
  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;
}

/** The status a write lands in: the secretariat publishes directly, partners submit for review. */
export function statusForWriteBy(identity: Identity): ModerationStatus {
  return isSecretariat(identity) ? ModerationStatus.PUBLISHED : ModerationStatus.SUBMITTED;
}

/** Whether a caller may read a record: published to all, drafts to the contributor and the secretariat. */
export function canRead(identity: Identity, record: Pick<ContributedRecord, 'status' | 'contributedBy'>): boolean {
  if (record.status === ModerationStatus.PUBLISHED) return true;
  if (isSecretariat(identity)) return true;
  return identity.organizationId !== null && record.contributedBy === identity.organizationId;
}

/**
 * The same rule as SQL for list and count queries, so totals never count what the caller cannot read.
 * `alias` is the table alias the query uses.
 */
export function visibilitySql(identity: Identity, alias: string): { sql: string; bindings: string[] } {
  if (isSecretariat(identity)) return { sql: 'true', bindings: [] };
  if (identity.organizationId) {
    return {
      sql: `(${alias}.status = 'PUBLISHED' or ${alias}.contributed_by = ?)`,
      bindings: [identity.organizationId],
    };
  }
  return { sql: `${alias}.status = 'PUBLISHED'`, bindings: [] };
}

/** Columns that describe the review, not the content, and never travel in a pending change. */
const BOOKKEEPING = new Set(['id', 'status', 'contributedBy', 'version', 'createdAt', 'updatedAt', 'rejectionReason', 'pendingChanges', 'searchVector']);

/** Content values are JSON-like or dates; copy them so later edits to the record cannot reach the copy. */
function copyOf(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (value !== null && typeof value === 'object') return JSON.parse(JSON.stringify(value));
  return value;
}

function contentOf(record: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, copyOf((record as Record<string, unknown>)[key])]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type RevisionAction = 'UPDATE' | 'PROPOSE';

/**
 * Applies an edit to a contributed record. The secretariat's edits, and a partner's edits to a record that is not
 * public, apply at once (a partner's go back to review). A partner's edit to a PUBLISHED record is held in
 * `pendingChanges` instead, so the public keeps seeing the reviewed version until the secretariat approves.
 * `immediate` names operational columns (a capacity, say) that apply at once even then.
 * Returns the audit action: UPDATE, or PROPOSE for a held edit.
 */
export async function reviseContribution<T extends ContributedRecord>(
  record: T,
  identity: Identity,
  edit: () => void | Promise<void>,
  immediate: string[] = [],
): Promise<RevisionAction> {
  if (isSecretariat(identity) || record.status !== ModerationStatus.PUBLISHED) {
    await edit();
    record.status = statusForWriteBy(identity);
    return 'UPDATE';
  }
  const keys = Object.keys(record).filter((key) => !BOOKKEEPING.has(key) && !immediate.includes(key));
  const published = contentOf(record, keys);
  await edit();
  const changed = keys.filter((key) => !sameValue(published[key], (record as Record<string, unknown>)[key]));
  const proposed = JSON.parse(JSON.stringify(contentOf(record, changed))) as Record<string, unknown>;
  for (const key of changed) (record as Record<string, unknown>)[key] = published[key];
  if (changed.length > 0) record.pendingChanges = { ...(record.pendingChanges ?? {}), ...proposed };
  return 'PROPOSE';
}

/** Applies held changes on approval, turning the JSON forms back into the property types (dates). */
export function applyPendingChanges(record: ContributedRecord): void {
  for (const [key, value] of Object.entries(record.pendingChanges ?? {})) {
    const current = (record as unknown as Record<string, unknown>)[key];
    (record as unknown as Record<string, unknown>)[key] = current instanceof Date && typeof value === 'string' ? new Date(value) : value;
  }
  record.pendingChanges = null;
}
