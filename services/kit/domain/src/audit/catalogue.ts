/*
 * Each subgraph declares the entity types it audits and the actions each may record, once. `audit()` accepts only
 * those pairs (checked by the compiler, and again at run time for values built from data), and the change feed
 * follows exactly the types marked `feed: true`, so a new entity type cannot be written to the trail and silently
 * left out of the feed that mirrors rely on.
 */

/** Every action any audit record may carry. */
export const AUDIT_ACTIONS = [
  'CREATE',
  'UPDATE',
  'PROPOSE',
  'APPROVE',
  'REJECT',
  'WITHDRAW',
  'RESTORE',
  'CANCEL',
  'PROMOTE',
  'COMPLETE',
  'DROP',
  'ISSUE',
  'REVOKE',
  'SUPERSEDE',
  'DELETE',
  'REDELIVER',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The actions of a record that goes through the secretariat's review. */
export const CONTRIBUTION_ACTIONS = [
  'CREATE',
  'UPDATE',
  'PROPOSE',
  'APPROVE',
  'REJECT',
  'WITHDRAW',
  'RESTORE',
] as const;

/**
 * A webhook subscription, audited in the subgraph that delivers it: created, deleted, a dead or delivered entry sent
 * again. Never in the feed (its snapshots hold the endpoint, never the secret).
 */
export const WEBHOOK_SUBSCRIPTION_AUDIT = {
  actions: ['CREATE', 'DELETE', 'REDELIVER'],
  feed: false,
} as const satisfies AuditedEntityType;

export interface AuditedEntityType {
  actions: readonly AuditAction[];
  /** Whether changes to it are public and so appear in the change feed. */
  feed: boolean;
  /**
   * Where a feed entry's routing comes from: the properties of the record's audit snapshot that hold its city's and
   * its organisation's ids ('id' for the record itself). Read from the snapshot the entry is derived from, so routing
   * costs no statement, and a withdrawn record still routes by its last state.
   */
  route?: { city?: string; organization?: string };
}

export type AuditCatalogue = Record<string, AuditedEntityType>;

/** Declares a subgraph's catalogue; `as const` keeps the literal types `audit()` checks against. */
export function defineAuditCatalogue<const C extends AuditCatalogue>(catalogue: C): C {
  return catalogue;
}

/** One audited change, typed by the catalogue: only a declared action of a declared entity type compiles. */
export type AuditedChange<C extends AuditCatalogue> = {
  [E in keyof C & string]: {
    entityType: E;
    action: C[E]['actions'][number];
    entityId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  };
}[keyof C & string];

/** The entity types a subgraph's change feed follows. */
export function feedEntityTypes(catalogue: AuditCatalogue): string[] {
  return Object.entries(catalogue)
    .filter(([, entry]) => entry.feed)
    .map(([entityType]) => entityType);
}

export function assertCatalogued(catalogue: AuditCatalogue, entityType: string, action: string): void {
  const entry = catalogue[entityType];
  if (!entry) throw new Error(`Audit catalogue has no entity type "${entityType}"`);
  if (!entry.actions.includes(action as AuditAction)) {
    throw new Error(`Audit catalogue does not allow action "${action}" on "${entityType}"`);
  }
}
