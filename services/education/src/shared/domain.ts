import { type Identity } from '@hrc/service-kit';
import { actingOrganizationOf, allows, isSecretariat, Rule, RULES } from '@hrc/domain-kit';

/*
 * A policy helper the education subgraph needs and @hrc/domain-kit does not have yet. It names no education type, so
 * it can move unchanged to services/kit/domain/src/authorization/policy.ts, next to `allows` and `actsFor`.
 */

/**
 * `allows(rule, identity, owners)` as SQL over rows whose owners are `ownerColumns`, for private lists: the rows a
 * caller may read, so pages and totals count only those and a caller who may read none gets an empty list.
 */
export function allowsSql(rule: Rule, identity: Identity, ownerColumns: readonly string[]): { sql: string; bindings: string[] } {
  if (!allows(rule, identity)) return { sql: 'false', bindings: [] };
  if (!RULES[rule].ownOrganisationOnly || isSecretariat(identity)) return { sql: 'true', bindings: [] };
  const organization = actingOrganizationOf(identity);
  if (organization === null || ownerColumns.length === 0) return { sql: 'false', bindings: [] };
  return {
    sql: `(${ownerColumns.map((column) => `${column} = ?`).join(' or ')})`,
    bindings: ownerColumns.map(() => organization),
  };
}
