import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';

import { type Connection, PageArgs, toConnection } from '@hrc/graph-kit';

import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { EventConnection } from '../event/event.type';
import { ForumEdition } from './forum-edition.entity';
import { TimetableDay } from './timetable.type';

/** `ForumEdition.timetable`: the programme by local day, in one grouped statement for every edition in the response. */
@Resolver(() => ForumEdition)
export class ForumEditionTimetableResolver {
  @FieldResolver(() => [TimetableDay], {
    description: "The programme by local day; each day's sessions are in start order",
  })
  async timetable(@Root() edition: ForumEdition, @Ctx() ctx: EventsContext): Promise<TimetableDay[]> {
    const days = await ctx.loaders.events.daysOf.load(edition.id);
    return days.map((day) => ({ editionId: edition.id, date: day.day, sessionCount: day.total }));
  }
}

/** A timetable day's sessions: one statement pages every day of every edition in the response. */
@Resolver(() => TimetableDay)
export class TimetableDayResolver {
  @FieldResolver(() => EventConnection, { description: "The day's published sessions, in start order" })
  async sessions(
    @Root() day: TimetableDay,
    @Ctx() ctx: EventsContext,
    @Args() { first, after }: PageArgs,
  ): Promise<Connection<Event>> {
    const page = await ctx.loaders.events.pageOf('editionDay', { first, after }).load(`${day.editionId}|${day.date}`);
    // The day already knows how many sessions it has.
    return toConnection(page, () => Promise.resolve(day.sessionCount));
  }
}
