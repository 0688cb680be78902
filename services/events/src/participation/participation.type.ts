import { Directive, Field, Int, ObjectType } from 'type-graphql';

import { FeedbackSummary } from '../feedback/feedback.type';
import { Organization } from '../organization/organization.type';
import type { ParticipationFigures } from './participation.repository';

@ObjectType({ description: 'Registrations counted by status' })
export class RegistrationCounts {
  @Field(() => Int, { description: 'Holding a seat, not yet marked as attended' })
  registered!: number;

  @Field(() => Int, { description: 'Waiting for a seat' })
  waitlisted!: number;

  @Field(() => Int, { description: 'Cancelled by the registrant or the organiser' })
  cancelled!: number;

  @Field(() => Int, { description: 'Marked as attended by the organiser' })
  attended!: number;

  @Field(() => Int, { description: 'Every registration, cancelled ones included' })
  total!: number;
}

@ObjectType({ description: 'How many registrations state one kind of accessibility need; a count, never a person' })
export class AccessibilityNeedCount {
  @Field({
    description:
      'wheelchair, signLanguage, captions, supportPerson, guideDog, dietary or other (dietary and other count ' +
      'registrations that wrote something; the text itself is never shown)',
  })
  kind!: string;

  @Field(() => Int, { description: 'Registrations (not cancelled) stating this need' })
  count!: number;
}

/**
 * One forum edition's participation, counted in SQL by the events subgraph. An entity keyed by the edition's year so
 * that the cities subgraph can add what only it knows (the countries of the registering organisations).
 */
@Directive('@key(fields: "year")')
@ObjectType({
  description:
    "A forum edition's participation: its sessions the caller may read, their registrations and feedback, as counts",
})
export class EditionParticipation {
  @Field(() => Int, { description: 'The edition’s year' })
  year!: number;

  @Field(() => Int, { description: 'Sessions of the edition' })
  sessions!: number;

  @Field(() => RegistrationCounts, { description: 'Registrations for those sessions, by status' })
  registrations!: RegistrationCounts;

  @Field(() => Int, { description: 'Distinct organisations with a registration that was not cancelled' })
  organizations!: number;

  @Field(() => [Organization], {
    description: 'Those organisations (public directory records), for the cities subgraph to count their countries',
  })
  registeringOrganizations!: Organization[];

  @Field(() => FeedbackSummary, { description: 'The ratings of every session of the edition together' })
  feedback!: FeedbackSummary;

  @Field({ description: 'True when any counted session is illustrative sample or synthetic data' })
  includesSampleData!: boolean;

  /** Served through the guarded `accessibilityNeeds` field. */
  needs!: ParticipationFigures['needs'];
}

export function toParticipation(year: number, figures: ParticipationFigures): EditionParticipation {
  const average =
    figures.feedbackCount === 0
      ? null
      : Math.round(
          (figures.ratingCounts.reduce((sum, count, index) => sum + count * (index + 1), 0) / figures.feedbackCount) *
            100,
        ) / 100;
  return {
    year,
    sessions: figures.sessions,
    registrations: {
      registered: figures.registered,
      waitlisted: figures.waitlisted,
      cancelled: figures.cancelled,
      attended: figures.attended,
      total: figures.registered + figures.waitlisted + figures.cancelled + figures.attended,
    },
    organizations: figures.organizations,
    registeringOrganizations: figures.organizationIds.map((id) => ({ id })),
    feedback: {
      count: figures.feedbackCount,
      average,
      distribution: figures.ratingCounts.map((count, index) => ({ rating: index + 1, count })),
    },
    includesSampleData: figures.includesSampleData,
    needs: figures.needs,
  };
}
