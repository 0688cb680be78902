import type { EntityManager } from '@mikro-orm/postgresql';

import type { Identity } from '@hrc/service-kit';

import { EventLoaders } from './event/event.loader';
import { FeedbackLoaders } from './feedback/feedback.loader';
import { ForumEditionLoaders } from './forum-edition/forum-edition.loader';
import { ParticipationLoaders } from './participation/participation.loader';
import { RegistrationLoaders } from './registration/registration.loader';
import { ReportLoaders } from './report/report.service';
import { SustainabilityLoaders } from './sustainability/sustainability.loader';

/** Every loader a request may use, created fresh per request so nothing is cached across callers. */
export interface EventsLoaders {
  editions: ForumEditionLoaders;
  events: EventLoaders;
  registrations: RegistrationLoaders;
  feedback: FeedbackLoaders;
  sustainability: SustainabilityLoaders;
  participation: ParticipationLoaders;
  report: ReportLoaders;
}

export function createEventsLoaders(em: EntityManager, identity: Identity): EventsLoaders {
  return {
    editions: new ForumEditionLoaders(em),
    events: new EventLoaders(em, identity),
    registrations: new RegistrationLoaders(em, identity),
    feedback: new FeedbackLoaders(em, identity),
    sustainability: new SustainabilityLoaders(em),
    participation: new ParticipationLoaders(em, identity),
    report: new ReportLoaders(em, identity),
  };
}
