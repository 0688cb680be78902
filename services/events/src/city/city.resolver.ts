import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import type { EventsContext } from '../context';
import { createEventsFieldResolver } from '../event/event.resolver';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { City } from './city.type';

/** `City.events`: the events a city hosts. */
export const CityEventsResolver = createEventsFieldResolver(City, 'city', 'Events hosted by the city, in start order');

/** `City.hostedEditions`, one statement for every city in the response. */
@Resolver(() => City)
export class CityHostedEditionsResolver {
  @FieldResolver(() => [ForumEdition], {
    description: 'Forum editions the city hosted, oldest first (one a year at most)',
  })
  hostedEditions(@Root() city: City, @Ctx() ctx: EventsContext): Promise<ForumEdition[]> {
    return ctx.loaders.editions.hostedBy.load(city.id);
  }
}
