import { createEventsFieldResolver } from '../event/event.resolver';
import { Organization } from './organization.type';

/** `Organization.events`: the events an organisation organises. */
export const OrganizationEventsResolver = createEventsFieldResolver(
  Organization,
  'organization',
  'Events the organisation organises, in start order',
);
