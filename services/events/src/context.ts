import type { RequestContext } from '@hrc/service-kit';

import type { EventsLoaders } from './loaders';

export type EventsContext = RequestContext<EventsLoaders>;
