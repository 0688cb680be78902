import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow } from '@hrc/graph-kit';

import type { EventsContext } from '../context';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { NEED_KINDS } from './participation.repository';
import { AccessibilityNeedCount, EditionParticipation, toParticipation } from './participation.type';

/** `ForumEdition.participation`: every edition of a request in two aggregate statements. */
@Resolver(() => ForumEdition)
export class ForumEditionParticipationResolver {
  @FieldResolver(() => EditionParticipation, {
    description: 'Participation in the edition: sessions, registrations by status, organisations, countries, feedback',
  })
  async participation(@Root() edition: ForumEdition, @Ctx() ctx: EventsContext): Promise<EditionParticipation> {
    return toParticipation(edition.year, await ctx.loaders.participation.ofEdition.load(edition.id));
  }
}

@Resolver(() => EditionParticipation)
export class EditionParticipationResolver {
  @Allow(Rule.REPORTER)
  @FieldResolver(() => [AccessibilityNeedCount], {
    description:
      'Registrations (not cancelled) stating each kind of accessibility need, every kind listed: counts only, for UN ' +
      'liaison staff and the secretariat',
  })
  accessibilityNeeds(@Root() participation: EditionParticipation): AccessibilityNeedCount[] {
    return NEED_KINDS.map((kind) => ({ kind, count: participation.needs[kind] }));
  }
}

/** Resolves `EditionParticipation` representations by year, through the edition and participation loaders. */
export const editionParticipationReferenceResolvers = {
  EditionParticipation: {
    async __resolveReference(reference: { year: number }, ctx: EventsContext): Promise<EditionParticipation | null> {
      const edition = await ctx.loaders.editions.byYear.load(Number(reference.year));
      if (!edition) return null;
      return toParticipation(edition.year, await ctx.loaders.participation.ofEdition.load(edition.id));
    },
  },
};
