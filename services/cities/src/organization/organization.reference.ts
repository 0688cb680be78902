import type { CitiesContext } from '../context';
import type { Organization } from './organization.entity';

export const organizationReferenceResolvers = {
  Organization: {
    __resolveReference(reference: { id: string }, ctx: CitiesContext): Promise<Organization | null> {
      return ctx.loaders.organizations.byId.load(reference.id);
    },
  },
};
