import { createParentProgramsResolver } from '../program/program.resolver';
import { createEducationReachResolver } from '../reach/reach.resolver';
import { Organization } from './organization.type';

/** `Organization.programs`: the programmes the organisation provides. */
export const OrganizationProgramsResolver = createParentProgramsResolver(
  Organization,
  'organization',
  'Human rights education programmes the organisation provides',
);

/** `Organization.educationReach(year)`: what those programmes delivered, across cities. */
export const OrganizationEducationReachResolver = createEducationReachResolver(
  Organization,
  'organization',
  'Human rights education the organisation delivered',
);
