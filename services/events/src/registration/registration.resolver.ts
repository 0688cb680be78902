import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  type Connection,
  PageArgs,
  PrivateTo,
  RevisionArgs,
  Idempotent,
  selectsTotalCount,
} from '@hrc/graph-kit';

import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Organization } from '../organization/organization.type';
import { Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';
import { RegisterForEventInput } from './registration.inputs';
import * as registrationService from './registration.service';
import { AccessibilityNeeds, RegistrationConnection } from './registration.type';

/** A registration belongs to the registering organisation and to the event's organiser. */
async function ownersOf(registration: Registration, ctx: EventsContext): Promise<Array<string | null>> {
  return [registration.organizationId, await ctx.loaders.events.organizerOf.load(registration.eventId)];
}

const PRIVATE = 'Visible to the registering organisation, the organiser and the secretariat; null for everyone else';

@Resolver(() => Registration)
export class RegistrationResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => Registration, {
    nullable: true,
    description: 'One registration; null unless you registered it, organise its event, or are the secretariat',
  })
  registration(
    @Ctx() ctx: EventsContext,
    @Arg('id', () => ID, { description: "The registration's id" }) id: string,
  ): Promise<Registration | null> {
    return ctx.loaders.registrations.byId.load(id);
  }

  @PrivateTo(Rule.OWNER, ownersOf)
  @FieldResolver(() => String, { nullable: true, description: PRIVATE })
  email(@Root() registration: Registration): string {
    return registration.email;
  }

  @PrivateTo(Rule.OWNER, ownersOf)
  @FieldResolver(() => AccessibilityNeeds, { nullable: true, description: PRIVATE })
  accessibilityNeeds(@Root() registration: Registration): AccessibilityNeeds {
    return registration.accessibilityNeeds;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The registering organisation' })
  organization(@Root() registration: Registration): Organization | null {
    return registration.organizationId ? { id: registration.organizationId } : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'Null when the event is not visible to you' })
  event(@Root() registration: Registration, @Ctx() ctx: EventsContext): Promise<Event | null> {
    return ctx.loaders.events.byId.load(registration.eventId);
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(Registration))
  @Mutation(() => Registration, {
    description:
      'Registers a delegate: a partner for its own organisation, or the secretariat. Takes a seat if one is free, ' +
      'otherwise joins the waitlist; seats go in arrival order and are never overbooked',
  })
  registerForEvent(
    @Ctx() ctx: EventsContext,
    @Arg('input', () => RegisterForEventInput, { description: 'The participant and the event' })
    input: RegisterForEventInput,
  ): Promise<Registration> {
    return registrationService.registerForEvent(ctx, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Registration, {
    description:
      'Cancels a registration (the registering organisation, the organiser or the secretariat); a freed seat goes to ' +
      'the first person on the waitlist in the same transaction',
  })
  cancelRegistration(@Ctx() ctx: EventsContext, @Args() { id, expectedVersion }: RevisionArgs): Promise<Registration> {
    return registrationService.cancelRegistration(ctx, id, expectedVersion);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Registration, {
    description: 'Records that a registered participant attended (organiser or secretariat)',
  })
  markAttended(@Ctx() ctx: EventsContext, @Args() { id, expectedVersion }: RevisionArgs): Promise<Registration> {
    return registrationService.markAttended(ctx, id, expectedVersion);
  }
}

/** `Event.registrations`: people, only for those allowed to see them; batched across events. */
@Resolver(() => Event)
export class EventRegistrationsResolver {
  @FieldResolver(() => RegistrationConnection, {
    description:
      "Registrations you may see: all of them for the organiser and the secretariat, a partner's own delegates " +
      'otherwise, none for anyone else (the total counts only those you see)',
  })
  registrations(
    @Root() event: Event,
    @Ctx() ctx: EventsContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('status', () => RegistrationStatus, { nullable: true, description: 'Only registrations with this status' })
    status?: RegistrationStatus,
  ): Promise<Connection<Registration>> {
    return ctx.loaders.registrations.connectionOf('event', event.id, {
      filter: { status },
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }
}
