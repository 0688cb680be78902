import { BadUserInputError, findByIdOrFail, ForbiddenError, type Identity } from '@hrc/service-kit';
import { actsFor, assertAllowed, isSecretariat, Rule, snapshot } from '@hrc/domain-kit';
import { type Connection, ConnectionType, PageArgs, toConnection } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Registration } from '../registration/registration.entity';
import { RegistrationStatus } from '../registration/registration.enums';
import { Feedback } from './feedback.entity';
import { SubmitFeedbackInput } from './feedback.inputs';
import { FeedbackSummary } from './feedback.type';

export const FeedbackConnection = ConnectionType(Feedback);

/** Comments are for the organiser and the secretariat, who run the forum's evaluation. */
function canReadComments(identity: Identity, organizerId: string | null): boolean {
  return actsFor(identity, [organizerId]);
}

@Resolver(() => Feedback)
export class FeedbackResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Visible to the organiser and the secretariat; null for everyone else' })
  async comment(@Root() feedback: Feedback, @Ctx() ctx: EventsContext): Promise<string | null> {
    const organizerId = await ctx.loaders.events.organizerOf.load(feedback.eventId);
    return canReadComments(ctx.identity, organizerId) ? feedback.comment : null;
  }

  @Mutation(() => Feedback, {
    description: "Evaluates an event for one registration, by the registering organisation or the secretariat; once per registration",
  })
  async submitFeedback(@Ctx() ctx: EventsContext, @Arg('input', () => SubmitFeedbackInput) input: SubmitFeedbackInput): Promise<Feedback> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const registration = await findByIdOrFail(em, Registration, input.registrationId);
      if (!isSecretariat(ctx.identity) && registration.organizationId !== ctx.identity.organizationId) {
        throw new ForbiddenError('Only the registering organisation or the secretariat may evaluate for this registration');
      }
      if (registration.status !== RegistrationStatus.REGISTERED && registration.status !== RegistrationStatus.ATTENDED) {
        throw new BadUserInputError('registrationId', 'only registered participants can evaluate an event');
      }
      const feedback = em.create(Feedback, {
        eventId: registration.eventId,
        registrationId: registration.id,
        organizationId: registration.organizationId,
        rating: input.rating,
        comment: input.comment ?? null,
      });
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Feedback', entityId: feedback.id, after: snapshot(feedback) });
      return feedback;
    });
  }
}

/** `Event.feedbackSummary` (public counts) and `Event.feedback` (organiser and secretariat). */
@Resolver(() => Event)
export class EventFeedbackResolver {
  @FieldResolver(() => FeedbackSummary)
  feedbackSummary(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<FeedbackSummary> {
    return ctx.loaders.feedback.summaryOf.load(event.id);
  }

  @FieldResolver(() => FeedbackConnection, { description: 'Individual evaluations with comments; organiser and secretariat only' })
  async feedback(@Root() event: Event, @Ctx() ctx: EventsContext, @Args() { first, after }: PageArgs): Promise<Connection<Feedback>> {
    assertAllowed(Rule.SIGNED_IN, ctx.identity);
    if (!canReadComments(ctx.identity, event.contributedBy)) {
      throw new ForbiddenError("Only the event's organiser and the secretariat read individual evaluations");
    }
    const page = await ctx.loaders.feedback.pageOf({ first, after }).load(event.id);
    return toConnection(page, () => ctx.loaders.feedback.countOf.load(event.id));
  }
}
