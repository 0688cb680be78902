import { organizationIdFromSlug } from '@hrc/domain-kit';
import type { Identity } from '@hrc/service-kit';

/* The callers the cities tests act as, over the real seed data (SEED_ON_START=real). */

/** A partner of Gwangju Metropolitan City, the organisation based in Gwangju. */
export const gwangjuPartner: Identity = {
  subject: 'gw',
  organizationId: organizationIdFromSlug('gwangju-metropolitan-city'),
  roles: ['partner'],
};
/** A partner of the Raoul Wallenberg Institute: another organisation than Gwangju's. */
export const wallenbergPartner: Identity = {
  subject: 'rwi',
  organizationId: organizationIdFromSlug('raoul-wallenberg-institute'),
  roles: ['partner'],
};
export const secretariat: Identity = { subject: 'sec', organizationId: null, roles: ['secretariat'] };
export const liaison: Identity = { subject: 'un', organizationId: null, roles: ['liaison'] };
