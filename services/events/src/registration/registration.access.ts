import { type Identity } from '@hrc/service-kit';
import { actsFor, isSecretariat } from '@hrc/domain-kit';

/** Email and accessibility needs: the registering organisation, the event's organiser and the secretariat only. */
export function canReadPrivateRegistrationFields(
  identity: Identity,
  registration: { organizationId: string | null },
  organizerId: string | null,
): boolean {
  return actsFor(identity, [registration.organizationId, organizerId]);
}

/**
 * Whether a caller sees a registration at all: the same people. Everyone else, liaison staff included, gets the
 * seat counts: reports need how many took part, not who.
 */
export function canReadRegistration(identity: Identity, registration: { organizationId: string | null }, organizerId: string | null) {
  return canReadPrivateRegistrationFields(identity, registration, organizerId);
}

/** Who may cancel or mark attendance: the same people who may read the private fields. */
export const canManageRegistration = canReadPrivateRegistrationFields;

/** The list rule as SQL over `registration r join event e`, so totals never count rows the caller cannot read. */
export function registrationVisibilitySql(identity: Identity): { sql: string; bindings: string[] } {
  if (isSecretariat(identity)) return { sql: 'true', bindings: [] };
  if (identity.roles.includes('partner') && identity.organizationId) {
    return {
      sql: '(r.organization_id = ? or e.contributed_by = ?)',
      bindings: [identity.organizationId, identity.organizationId],
    };
  }
  return { sql: 'false', bindings: [] };
}
