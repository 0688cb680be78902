import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  type Connection,
  createModerationResolver,
  createTranslatedFieldsResolver,
  listConnection,
  nestedListResolverFactory,
  PageArgs,
  RevisionArgs,
  Idempotent,
  selectsTotalCount,
} from '@hrc/graph-kit';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.type';
import type { EventsContext } from '../context';
import { ForumEdition } from '../forum-edition/forum-edition.entity';
import { Organization } from '../organization/organization.type';
import { localIsoString } from '../time-zone';
import { Event } from './event.entity';
import { CreateEventInput, EventFilter, UpdateEventInput } from './event.inputs';
import * as eventService from './event.service';
import { EventConnection, Interpretation, SeatAvailability, Speaker } from './event.type';

export const EventModerationResolver = createModerationResolver(Event, 'Event', auditedWrite);
export const EventTranslatedFieldsResolver = createTranslatedFieldsResolver(Event, [
  { field: 'title' },
  { field: 'description', nullable: true },
]);

/**
 * `<type>.events`, the events under a parent (a city, an organisation, a forum edition) in start order, written once:
 * one batched statement pages the events of every parent in the response, and one more counts them if asked.
 */
export const createEventsFieldResolver = nestedListResolverFactory({
  field: 'events',
  connection: EventConnection,
  filter: EventFilter,
  loaders: (ctx: EventsContext) => ctx.loaders.events,
});

@Resolver(() => Event)
export class EventResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => Event, {
    nullable: true,
    description: 'One event; null when it does not exist or is not visible to you',
  })
  event(
    @Ctx() ctx: EventsContext,
    @Arg('id', () => ID, { description: "The event's id" }) id: string,
  ): Promise<Event | null> {
    return ctx.loaders.events.byId.load(id);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => EventConnection, {
    nullable: true,
    description: 'Events across the network, in start order, filtered and paginated',
  })
  events(
    @Ctx() ctx: EventsContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Only events matching every condition given' })
    filter?: EventFilter,
  ): Promise<Connection<Event>> {
    return listConnection(ctx.em.getRepository(Event), ctx.identity, {
      filter,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }

  @FieldResolver(() => String, {
    description: "startsAt in the venue's time zone, with its offset: 2024-10-10T10:00:00+09:00",
  })
  startsAtLocal(@Root() event: Event): string {
    return localIsoString(event.timeZone, event.startsAt);
  }

  @FieldResolver(() => String, { description: "endsAt in the venue's time zone, with its offset" })
  endsAtLocal(@Root() event: Event): string {
    return localIsoString(event.timeZone, event.endsAt);
  }

  @FieldResolver(() => City, { nullable: true, description: 'The host city; null when none is recorded' })
  hostCity(@Root() event: Event): City | null {
    return event.hostCityId ? { id: event.hostCityId } : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organising organisation' })
  organizer(@Root() event: Event): Organization | null {
    return event.contributedBy ? { id: event.contributedBy } : null;
  }

  @FieldResolver(() => ForumEdition, { nullable: true, description: 'The forum edition this is a session of' })
  forumEdition(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<ForumEdition | null> | null {
    return event.editionId ? ctx.loaders.editions.byId.load(event.editionId) : null;
  }

  @FieldResolver(() => Interpretation, {
    description: 'Interpretation and sign languages offered; empty lists when none',
  })
  interpretation(@Root() event: Event): Interpretation {
    return { languages: event.interpretationLanguages, signLanguages: event.signLanguages };
  }

  @FieldResolver(() => [Speaker], { description: 'Speakers, in the order given' })
  speakers(@Root() event: Event): Speaker[] {
    return event.speakers.map((speaker) => ({
      name: speaker.name,
      affiliation: speaker.affiliation,
      organization: speaker.organizationId ? { id: speaker.organizationId } : null,
    }));
  }

  @FieldResolver(() => SeatAvailability, { description: 'How full the event is: counts only, never people' })
  async seats(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<SeatAvailability> {
    const counts = await ctx.loaders.registrations.seatCounts.load(event.id);
    const registered = counts.registered + counts.attended;
    return {
      capacity: event.capacity,
      registered,
      waitlisted: counts.waitlisted,
      remaining: event.capacity === null ? null : Math.max(0, event.capacity - registered),
    };
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(Event))
  @Mutation(() => Event, {
    description:
      "Creates an event. A partner organises it as its own organisation and it is SUBMITTED; the secretariat's is PUBLISHED",
  })
  createEvent(
    @Ctx() ctx: EventsContext,
    @Arg('input', () => CreateEventInput, { description: 'The new event' }) input: CreateEventInput,
  ): Promise<Event> {
    return eventService.createEvent(ctx, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Event, {
    description:
      "Changes a event its organisation organises. A partner's change to a PUBLISHED event does not apply yet: it waits in " +
      'pendingChanges while the reviewed version stays public, until the secretariat approves (applies) or rejects (drops) it (the capacity is operational and applies at once). ' +
      "A partner's change to a event that is not published (SUBMITTED, REJECTED or WITHDRAWN) applies and returns it to review " +
      "as SUBMITTED. The secretariat's change applies at once and publishes it",
  })
  updateEvent(
    @Ctx() ctx: EventsContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdateEventInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdateEventInput,
  ): Promise<Event> {
    return eventService.updateEvent(ctx, id, expectedVersion, input);
  }
}
