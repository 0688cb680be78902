import type { RequestContext } from '@hrc/common';

import type { EventsLoaders } from './loaders';

export type EventsContext = RequestContext<EventsLoaders>;
