import type { RequestContext } from '@hrc/service-kit';

import type { CitiesLoaders } from './loaders';

export type CitiesContext = RequestContext<CitiesLoaders>;
