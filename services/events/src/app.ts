import { createSubgraphApp, type SubgraphApp, type SubgraphDefinition } from '@hrc/graph-kit';
import { type SubgraphConfig } from '@hrc/service-kit';

import { migrations } from '../migrations';
import { seedRealEventsData } from '../seeders/real-data.seeder';
import { calendarRoutes } from './calendar/calendar.routes';
import { CityEventsResolver, CityHostedEditionsResolver } from './city/city.resolver';
import { Event } from './event/event.entity';
import { eventReferenceResolvers } from './event/event.reference';
import { EventModerationResolver, EventResolver, EventTranslatedFieldsResolver } from './event/event.resolver';
import { Feedback } from './feedback/feedback.entity';
import { EventFeedbackResolver, FeedbackResolver } from './feedback/feedback.resolver';
import { ForumEdition } from './forum-edition/forum-edition.entity';
import { forumEditionReferenceResolvers } from './forum-edition/forum-edition.reference';
import {
  ForumEditionEventsResolver,
  ForumEditionResolver,
  ForumEditionTranslatedFieldsResolver,
} from './forum-edition/forum-edition.resolver';
import { ForumEditionTimetableResolver, TimetableDayResolver } from './forum-edition/timetable.resolver';
import { createEventsLoaders, type EventsLoaders } from './loaders';
import { OrganizationEventsResolver } from './organization/organization.resolver';
import {
  EditionParticipationResolver,
  editionParticipationReferenceResolvers,
  ForumEditionParticipationResolver,
} from './participation/participation.resolver';
import { Registration } from './registration/registration.entity';
import { EventRegistrationsResolver, RegistrationResolver } from './registration/registration.resolver';
import {
  NetworkReportRowEventsResolver,
  networkReportReferenceResolvers,
  NetworkReportTotalsEventsResolver,
} from './report/report.resolver';
import { NetworkReportRow, NetworkReportTotals } from './report/report.type';
import { eventsChangeFeed, eventsSecretariatViews, eventsWebhooks } from './secretariat/secretariat.views';
import { SustainabilityChecklistRecord } from './sustainability/sustainability.entity';
import {
  EventSustainabilityResolver,
  ForumEditionSustainabilityResolver,
  SustainabilityChecklistResolver,
} from './sustainability/sustainability.resolver';

export const eventsSubgraph: SubgraphDefinition<EventsLoaders> = {
  name: 'events',
  database: {
    entities: [ForumEdition, Event, Registration, Feedback, SustainabilityChecklistRecord],
    migrations,
  },
  resolvers: [
    ForumEditionResolver,
    ForumEditionTranslatedFieldsResolver,
    ForumEditionEventsResolver,
    ForumEditionTimetableResolver,
    TimetableDayResolver,
    EventResolver,
    EventTranslatedFieldsResolver,
    CityEventsResolver,
    CityHostedEditionsResolver,
    OrganizationEventsResolver,
    RegistrationResolver,
    EventRegistrationsResolver,
    FeedbackResolver,
    EventFeedbackResolver,
    ForumEditionSustainabilityResolver,
    EventSustainabilityResolver,
    SustainabilityChecklistResolver,
    EventModerationResolver,
    ForumEditionParticipationResolver,
    EditionParticipationResolver,
    NetworkReportRowEventsResolver,
    NetworkReportTotalsEventsResolver,
    ...eventsSecretariatViews.resolvers,
    ...eventsChangeFeed.resolvers,
    ...eventsWebhooks.resolvers,
  ],
  orphanedTypes: [
    NetworkReportRow,
    NetworkReportTotals,
    ...eventsSecretariatViews.orphanedTypes,
    ...eventsChangeFeed.orphanedTypes,
    ...eventsWebhooks.orphanedTypes,
  ],
  referenceResolvers: {
    ...eventsSecretariatViews.referenceResolvers,
    ...eventsChangeFeed.referenceResolvers,
    ...eventsWebhooks.referenceResolvers,
    ...forumEditionReferenceResolvers,
    ...eventReferenceResolvers,
    ...editionParticipationReferenceResolvers,
    ...networkReportReferenceResolvers,
  },
  createLoaders: createEventsLoaders,
  webhooks: eventsWebhooks,
  seedRealData: seedRealEventsData,
  routes: calendarRoutes,
};

export function createEventsApp(config: SubgraphConfig): Promise<SubgraphApp> {
  return createSubgraphApp(eventsSubgraph, config);
}
export { seedSyntheticEvents, type SyntheticEventsSize } from '../seeders/synthetic.seeder';
export { eventsSubgraph as subgraph };
