import { BadUserInputError, ConflictError, ForbiddenError, isUuid, NotFoundError } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, ModerationStatus, Rule, snapshot } from '@hrc/domain-kit';
import { type Connection, ConnectionType, PageArgs, toConnection } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite, type EventsWriteScope } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Organization } from '../organization/organization.type';
import { canManageRegistration, canReadPrivateRegistrationFields } from './registration.access';
import { Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';
import { RegisterForEventInput } from './registration.inputs';
import type { LockedEvent } from './registration.repository';
import { AccessibilityNeeds } from './registration.type';

export const RegistrationConnection = ConnectionType(Registration);

async function privateFieldsVisible(registration: Registration, ctx: EventsContext): Promise<boolean> {
  const organizerId = await ctx.loaders.events.organizerOf.load(registration.eventId);
  return canReadPrivateRegistrationFields(ctx.identity, registration, organizerId);
}

/** Lock the event, then load the registration: after the lock, no other seat change of this event is in flight. */
async function lockRegistration(scope: EventsWriteScope, ctx: EventsContext, id: string): Promise<{ event: LockedEvent; registration: Registration }> {
  if (!isUuid(id)) throw new NotFoundError('Registration', id);
  const repository = scope.em.getRepository(Registration);
  const [row] = (await scope.em.execute('select event_id from events.registration where id = ?', [id])) as Array<{ event_id: string }>;
  if (!row) throw new NotFoundError('Registration', id);
  const event = await repository.lockEvent(row.event_id);
  const registration = await repository.findOneOrFail({ id }, { refresh: true });
  if (!canManageRegistration(ctx.identity, registration, event.contributedBy)) {
    throw new ForbiddenError('Only the registering organisation, the organiser or the secretariat may change this registration');
  }
  return { event, registration };
}

@Resolver(() => Registration)
export class RegistrationResolver {
  @Query(() => Registration, {
    nullable: true,
    description: 'One registration; null unless you registered it, organise its event, or are liaison staff or the secretariat',
  })
  registration(@Ctx() ctx: EventsContext, @Arg('id', () => ID) id: string): Promise<Registration | null> {
    return ctx.loaders.registrations.byId.load(id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Visible to the registering organisation, the organiser and the secretariat; null for everyone else',
  })
  async email(@Root() registration: Registration, @Ctx() ctx: EventsContext): Promise<string | null> {
    return (await privateFieldsVisible(registration, ctx)) ? registration.email : null;
  }

  @FieldResolver(() => AccessibilityNeeds, {
    nullable: true,
    description: 'Visible to the registering organisation, the organiser and the secretariat; null for everyone else',
  })
  async accessibilityNeeds(@Root() registration: Registration, @Ctx() ctx: EventsContext): Promise<AccessibilityNeeds | null> {
    return (await privateFieldsVisible(registration, ctx)) ? registration.accessibilityNeeds : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The registering organisation' })
  organization(@Root() registration: Registration): Organization | null {
    return registration.organizationId ? { id: registration.organizationId } : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'Null when the event is not visible to you' })
  event(@Root() registration: Registration, @Ctx() ctx: EventsContext): Promise<Event | null> {
    return ctx.loaders.events.byId.load(registration.eventId);
  }

  @Mutation(() => Registration, {
    description:
      'Registers a delegate: a partner for its own organisation, or the secretariat. Takes a seat if one is free, ' +
      'otherwise joins the waitlist; seats go in arrival order and are never overbooked',
  })
  async registerForEvent(
    @Ctx() ctx: EventsContext,
    @Arg('input', () => RegisterForEventInput) input: RegisterForEventInput,
  ): Promise<Registration> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    const organizationId = isSecretariat(ctx.identity) ? (input.organizationId ?? null) : ctx.identity.organizationId;
    if (!isSecretariat(ctx.identity)) assertAllowed(Rule.OWNER, ctx.identity, [input.organizationId ?? organizationId]);
    if (organizationId && !isUuid(organizationId)) throw new BadUserInputError('organizationId', 'must be an Organization id');
    const visible = await ctx.loaders.events.byId.load(input.eventId);
    if (!visible) throw new BadUserInputError('eventId', 'no event you can see has this id');
    return auditedWrite(ctx, async (scope) => {
      const repository = scope.em.getRepository(Registration);
      const event = await repository.lockEvent(input.eventId);
      if (event.status !== ModerationStatus.PUBLISHED) throw new BadUserInputError('eventId', 'the event is not published');
      if (event.endsAt.getTime() < Date.now()) throw new BadUserInputError('eventId', 'the event has already ended');
      await repository.assertNotRegistered(event.id, input.email);
      const taken = await repository.seatsTaken(event.id);
      const needs = input.accessibilityNeeds;
      const registration = scope.em.create(Registration, {
        eventId: event.id,
        organizationId,
        participantName: input.participantName,
        email: input.email,
        accessibilityNeeds: {
          supportPerson: needs?.supportPerson ?? false,
          guideDog: needs?.guideDog ?? false,
          wheelchair: needs?.wheelchair ?? false,
          signLanguage: needs?.signLanguage ?? false,
          captions: needs?.captions ?? false,
          dietary: needs?.dietary ?? null,
          other: needs?.other ?? null,
        },
        status: event.capacity === null || taken < event.capacity ? RegistrationStatus.REGISTERED : RegistrationStatus.WAITLISTED,
        arrival: await repository.nextArrival(event.id),
        registeredBy: ctx.identity.subject,
      });
      await scope.em.flush();
      scope.audit({ action: 'CREATE', entityType: 'Registration', entityId: registration.id, after: snapshot(registration) });
      return registration;
    });
  }

  @Mutation(() => Registration, {
    description: 'Cancels a registration; a freed seat goes to the first person on the waitlist in the same transaction',
  })
  async cancelRegistration(
    @Ctx() ctx: EventsContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<Registration> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async (scope) => {
      const { event, registration } = await lockRegistration(scope, ctx, id);
      assertVersion('Registration', registration, expectedVersion);
      if (registration.status === RegistrationStatus.CANCELLED) throw new BadUserInputError('id', 'is already cancelled');
      // Attendance is history: cancelling it afterwards would hand a past seat to someone on the waitlist.
      if (registration.status === RegistrationStatus.ATTENDED) {
        throw new ConflictError('An attended registration cannot be cancelled', { field: 'id' });
      }
      const before = snapshot(registration);
      registration.status = RegistrationStatus.CANCELLED;
      await scope.em.flush();
      const promoted = await scope.em.getRepository(Registration).promoteWaitlisted(event);
      await scope.em.flush();
      scope.audit({ action: 'CANCEL', entityType: 'Registration', entityId: id, before, after: snapshot(registration) });
      for (const person of promoted) {
        scope.audit({ action: 'PROMOTE', entityType: 'Registration', entityId: person.id, after: snapshot(person) });
      }
      return registration;
    });
  }

  @Mutation(() => Registration, { description: 'Records that a registered participant attended (organiser or secretariat)' })
  async markAttended(
    @Ctx() ctx: EventsContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<Registration> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async (scope) => {
      const { event, registration } = await lockRegistration(scope, ctx, id);
      if (!isSecretariat(ctx.identity) && ctx.identity.organizationId !== event.contributedBy) {
        throw new ForbiddenError('Only the organiser or the secretariat records attendance');
      }
      assertVersion('Registration', registration, expectedVersion);
      if (registration.status !== RegistrationStatus.REGISTERED) throw new BadUserInputError('id', 'only a REGISTERED participant can attend');
      const before = snapshot(registration);
      registration.status = RegistrationStatus.ATTENDED;
      await scope.em.flush();
      scope.audit({ action: 'UPDATE', entityType: 'Registration', entityId: id, before, after: snapshot(registration) });
      return registration;
    });
  }
}

/** `Event.registrations`: people, only for those allowed to see them; batched across events. */
@Resolver(() => Event)
export class EventRegistrationsResolver {
  @FieldResolver(() => RegistrationConnection, {
    description:
      'Registrations you may see: all of them for the organiser and the secretariat; ' +
      "a partner's own delegates otherwise. Anonymous callers get UNAUTHENTICATED",
  })
  async registrations(
    @Root() event: Event,
    @Ctx() ctx: EventsContext,
    @Args() { first, after }: PageArgs,
    @Arg('status', () => RegistrationStatus, { nullable: true }) status?: RegistrationStatus,
  ): Promise<Connection<Registration>> {
    assertAllowed(Rule.SIGNED_IN, ctx.identity);
    const page = await ctx.loaders.registrations.pageOf({ status, first, after }).load(event.id);
    return toConnection(page, () => ctx.loaders.registrations.countOf(status).load(event.id));
  }
}
