import { type Identity } from '@hrc/service-kit';
import { actsFor } from '@hrc/domain-kit';

/** Participant names and emails are for the provider organisation's partners and the secretariat only. */
export function mayReadParticipantsOf(identity: Identity, providerId: string | null): boolean {
  return actsFor(identity, [providerId]);
}
