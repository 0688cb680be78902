import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow, type Connection, PageArgs, PrivateTo, Idempotent, selectsTotalCount } from '@hrc/graph-kit';

import type { EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Feedback } from './feedback.entity';
import { SubmitFeedbackInput } from './feedback.inputs';
import * as feedbackService from './feedback.service';
import { FeedbackConnection, FeedbackSummary } from './feedback.type';

/** Comments belong to the event's organiser, who runs the forum's evaluation with the secretariat. */
async function ownersOf(feedback: Feedback, ctx: EventsContext): Promise<Array<string | null>> {
  return [await ctx.loaders.events.organizerOf.load(feedback.eventId)];
}

@Resolver(() => Feedback)
export class FeedbackResolver {
  @PrivateTo(Rule.OWNER, ownersOf)
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Visible to the organiser and the secretariat; null for everyone else',
  })
  comment(@Root() feedback: Feedback): string | null {
    return feedback.comment;
  }

  @Allow(Rule.OWNER)
  @UseMiddleware(Idempotent(Feedback))
  @Mutation(() => Feedback, {
    description:
      'Evaluates an event for one registration, by the registering organisation or the secretariat; once per registration',
  })
  submitFeedback(
    @Ctx() ctx: EventsContext,
    @Arg('input', () => SubmitFeedbackInput, { description: 'The registration, the rating and an optional comment' })
    input: SubmitFeedbackInput,
  ): Promise<Feedback> {
    return feedbackService.submitFeedback(ctx, input);
  }
}

/** `Event.feedbackSummary` (public counts) and `Event.feedback` (organiser and secretariat). */
@Resolver(() => Event)
export class EventFeedbackResolver {
  @FieldResolver(() => FeedbackSummary, { description: "The event's evaluations, counted and averaged" })
  feedbackSummary(@Root() event: Event, @Ctx() ctx: EventsContext): Promise<FeedbackSummary> {
    return ctx.loaders.feedback.summaryOf.load(event.id);
  }

  @FieldResolver(() => FeedbackConnection, {
    description:
      'Individual evaluations with comments: all of them for the organiser and the secretariat, none for anyone else',
  })
  feedback(
    @Root() event: Event,
    @Ctx() ctx: EventsContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
  ): Promise<Connection<Feedback>> {
    return ctx.loaders.feedback.connectionOf('event', event.id, { first, after, withTotal: selectsTotalCount(info) });
  }
}
