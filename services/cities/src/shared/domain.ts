import { Rule, assertAllowed, isSecretariat } from '@hrc/domain-kit';
import type { Identity } from '@hrc/service-kit';

/*
 * A domain rule the cities subgraph needs and the kit does not have yet; it names no cities type, so it can move to
 * @hrc/domain-kit unchanged (see the issue 9 report).
 */

/**
 * The organisation a new contribution is credited to. The secretariat may name one, or none; a partner contributes
 * as its own organisation and may name no other (FORBIDDEN, by the OWNER rule).
 */
export function contributingOrganization(identity: Identity, named: string | null | undefined): string | null {
  if (isSecretariat(identity)) return named ?? null;
  assertAllowed(Rule.OWNER, identity, [named ?? identity.organizationId]);
  return identity.organizationId;
}

/**
 * Copies the fields an input gives onto a record: a property left out of the input (undefined) keeps its value, an
 * explicit null clears it. Types must agree property by property.
 */
export function assignGiven<T, K extends keyof T>(record: T, input: { [P in K]?: T[P] }, keys: readonly K[]): void {
  for (const key of keys) {
    const value = input[key];
    if (value !== undefined) record[key] = value as T[K];
  }
}
