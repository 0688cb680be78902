import { actsFor, type Identity } from '@hrc/common';

/** Participant names and emails are for the provider organisation's partners and the secretariat only. */
export function mayReadParticipantsOf(identity: Identity, providerId: string | null): boolean {
  return actsFor(identity, providerId);
}
