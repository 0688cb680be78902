import { hasRole, isSecretariat, type Identity } from '@hrc/common';

/** Participant names and emails are for the provider organisation's partners and the secretariat only. */
export function mayReadParticipantsOf(identity: Identity, providerId: string | null): boolean {
  if (isSecretariat(identity)) return true;
  return hasRole(identity, 'partner') && providerId !== null && identity.organizationId === providerId;
}
