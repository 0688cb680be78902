import {
  assertAllowed,
  type AuditAction,
  insertAudited,
  ModerationStatus,
  organizationOfWrite,
  revise,
  Rule,
  snapshot,
} from '@hrc/domain-kit';
import { BadUserInputError, ConflictError, isUuid } from '@hrc/service-kit';

import { auditedWrite, type EventsWriteScope } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { type AccessibilityNeedsRecord, Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';
import type { AccessibilityNeedsInput, RegisterForEventInput } from './registration.inputs';
import type { RegistrationOwners } from './registration.repository';

function accessibilityNeedsOf(needs: AccessibilityNeedsInput | undefined): AccessibilityNeedsRecord {
  return {
    supportPerson: needs?.supportPerson ?? false,
    guideDog: needs?.guideDog ?? false,
    wheelchair: needs?.wheelchair ?? false,
    signLanguage: needs?.signLanguage ?? false,
    captions: needs?.captions ?? false,
    dietary: needs?.dietary ?? null,
    other: needs?.other ?? null,
  };
}

/**
 * Call with the seat lock held and pending changes flushed: fills the event's free seats from the waitlist, first
 * come first served, and audits each promotion in the same transaction.
 */
export async function promoteWaitlisted(
  scope: EventsWriteScope,
  event: { id: string; capacity: number | null },
): Promise<void> {
  const promoted = await scope.em.getRepository(Registration).promoteWaitlisted(event);
  await scope.em.flush();
  for (const registration of promoted) {
    scope.audit({
      action: 'PROMOTE',
      entityType: 'Registration',
      entityId: registration.id,
      after: snapshot(registration),
    });
  }
}

/**
 * Registers a delegate: a partner for its own organisation, or the secretariat for any. Takes a seat if one is free,
 * otherwise joins the waitlist; the seat lock makes concurrent registrations take seats one at a time, so the event is
 * never overbooked.
 */
export async function registerForEvent(ctx: EventsContext, input: RegisterForEventInput): Promise<Registration> {
  const organizationId = organizationOfWrite(ctx.identity, input.organizationId);
  if (organizationId && !isUuid(organizationId))
    throw new BadUserInputError('organizationId', 'must be an Organization id');
  if (!(await ctx.loaders.events.byId.load(input.eventId)))
    throw new BadUserInputError('eventId', 'no event you can see has this id');
  return auditedWrite(ctx, async (scope) => {
    const registrations = scope.em.getRepository(Registration);
    const event = await scope.em.getRepository(Event).lockSeats(input.eventId);
    if (event.status !== ModerationStatus.PUBLISHED)
      throw new BadUserInputError('eventId', 'the event is not published');
    if (event.endsAt.getTime() < Date.now()) throw new BadUserInputError('eventId', 'the event has already ended');
    await registrations.assertNotRegistered(ctx.identity, event.id, input.email);
    const taken = await registrations.seatsTaken(event.id);
    const registration = scope.em.create(Registration, {
      eventId: event.id,
      organizationId,
      participantName: input.participantName,
      email: input.email,
      accessibilityNeeds: accessibilityNeedsOf(input.accessibilityNeeds),
      status:
        event.capacity === null || taken < event.capacity
          ? RegistrationStatus.REGISTERED
          : RegistrationStatus.WAITLISTED,
      arrival: await registrations.nextArrival(event.id),
      registeredBy: ctx.identity.subject,
    });
    return insertAudited(scope, 'Registration', registration);
  });
}

/**
 * The shared path of every change to a registration: check who may make it (`ownersOf` the registration) before the
 * event's seat lock, so nobody holds the lock of an event whose registration they may not change; take the lock;
 * then revise the registration as it stands under the lock.
 */
async function reviseRegistration(
  scope: EventsWriteScope,
  ctx: EventsContext,
  change: {
    id: string;
    expectedVersion: number;
    ownersOf: (owners: RegistrationOwners) => Array<string | null>;
    apply: (registration: Registration) => void | AuditAction;
  },
): Promise<{ registration: Registration; event: Event }> {
  const owners = await scope.em.getRepository(Registration).ownersOf(change.id);
  assertAllowed(Rule.OWNER, ctx.identity, change.ownersOf(owners));
  const event = await scope.em.getRepository(Event).lockSeats(owners.eventId);
  const registration = await revise(scope, {
    entity: Registration,
    entityType: 'Registration',
    id: change.id,
    expectedVersion: change.expectedVersion,
    // The same rule again, on the rows as they stand under the lock.
    authorize: ({ organizationId }) =>
      assertAllowed(
        Rule.OWNER,
        ctx.identity,
        change.ownersOf({ eventId: event.id, registrant: organizationId, organizer: event.contributedBy }),
      ),
    apply: change.apply,
  });
  return { registration, event };
}

/**
 * Cancels a registration, by the registering organisation, the organiser or the secretariat; a freed seat goes to
 * the first person on the waitlist in the same transaction.
 */
export function cancelRegistration(ctx: EventsContext, id: string, expectedVersion: number): Promise<Registration> {
  return auditedWrite(ctx, async (scope) => {
    const { registration, event } = await reviseRegistration(scope, ctx, {
      id,
      expectedVersion,
      ownersOf: ({ registrant, organizer }) => [registrant, organizer],
      apply: (registration) => {
        if (registration.status === RegistrationStatus.CANCELLED)
          throw new BadUserInputError('id', 'is already cancelled');
        // Attendance is history: cancelling it afterwards would hand a past seat to someone on the waitlist.
        if (registration.status === RegistrationStatus.ATTENDED) {
          throw new ConflictError('An attended registration cannot be cancelled', { field: 'id' });
        }
        registration.status = RegistrationStatus.CANCELLED;
        return 'CANCEL';
      },
    });
    await promoteWaitlisted(scope, event);
    return registration;
  });
}

/** Records that a registered participant attended: the organiser or the secretariat only. */
export function markAttended(ctx: EventsContext, id: string, expectedVersion: number): Promise<Registration> {
  return auditedWrite(ctx, async (scope) => {
    const { registration } = await reviseRegistration(scope, ctx, {
      id,
      expectedVersion,
      ownersOf: ({ organizer }) => [organizer],
      apply: (registration) => {
        if (registration.status !== RegistrationStatus.REGISTERED)
          throw new BadUserInputError('id', 'only a REGISTERED participant can attend');
        registration.status = RegistrationStatus.ATTENDED;
      },
    });
    return registration;
  });
}
