import type { Identity } from '@hrc/service-kit';

import { actingOrganizationOf, isSecretariat } from '../authorization/policy';

export enum ModerationStatus {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** What every partner-contributed record carries for its review, whatever its content. */
export interface Contribution {
  status: ModerationStatus;
  contributedBy: string | null;
  version: number;
  pendingChanges: Record<string, unknown> | null;
  rejectionReason: string | null;
}

/** The status a write lands in: the secretariat publishes directly, partners submit for review. */
export function statusForWriteBy(identity: Identity): ModerationStatus {
  return isSecretariat(identity) ? ModerationStatus.PUBLISHED : ModerationStatus.SUBMITTED;
}

/** Whether a caller may read a record: published to all, drafts to the contributor and the secretariat. */
export function canRead(identity: Identity, record: Pick<Contribution, 'status' | 'contributedBy'>): boolean {
  if (record.status === ModerationStatus.PUBLISHED) return true;
  if (isSecretariat(identity)) return true;
  const organization = actingOrganizationOf(identity);
  return organization !== null && record.contributedBy === organization;
}

/**
 * The same rule as SQL for list and count queries, so totals never count what the caller cannot read.
 * `alias` is the table alias the query uses.
 */
export function visibilitySql(identity: Identity, alias: string): { sql: string; bindings: string[] } {
  if (isSecretariat(identity)) return { sql: 'true', bindings: [] };
  const organization = actingOrganizationOf(identity);
  if (organization) {
    return { sql: `(${alias}.status = 'PUBLISHED' or ${alias}.contributed_by = ?)`, bindings: [organization] };
  }
  return { sql: `${alias}.status = 'PUBLISHED'`, bindings: [] };
}

/** Columns that describe the review, not the content, and never travel in a pending change. */
const BOOKKEEPING = new Set([
  'id',
  'status',
  'contributedBy',
  'version',
  'createdAt',
  'updatedAt',
  'rejectionReason',
  'pendingChanges',
  'searchVector',
]);

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
export async function reviseContribution<T extends Contribution>(
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
export function applyPendingChanges(record: Contribution): void {
  for (const [key, value] of Object.entries(record.pendingChanges ?? {})) {
    const current = (record as unknown as Record<string, unknown>)[key];
    (record as unknown as Record<string, unknown>)[key] =
      current instanceof Date && typeof value === 'string' ? new Date(value) : value;
  }
  record.pendingChanges = null;
}
