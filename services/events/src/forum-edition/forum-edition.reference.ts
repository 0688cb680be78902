import type { EventsContext } from '../context';
import type { ForumEdition } from './forum-edition.entity';

/** Resolves `ForumEdition` representations by year, through the per-request loader. */
export const forumEditionReferenceResolvers = {
  ForumEdition: {
    __resolveReference(reference: { year: number }, ctx: EventsContext): Promise<ForumEdition | null> {
      return ctx.loaders.editions.byYear.load(Number(reference.year));
    },
  },
};
