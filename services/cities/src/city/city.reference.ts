import type { CitiesContext } from '../context';
import type { City } from './city.entity';

/** Resolves `City` representations from other subgraphs by either key, through the per-request loaders. */
export const cityReferenceResolvers = {
  City: {
    __resolveReference(reference: { id?: string; slug?: string }, ctx: CitiesContext): Promise<City | null> {
      if (reference.id) return ctx.loaders.cities.byId.load(reference.id);
      if (reference.slug) return ctx.loaders.cities.bySlug.load(reference.slug);
      return Promise.resolve(null);
    },
  },
};
