import type { RequestContext } from '@hrc/common';

import type { CitiesLoaders } from './loaders';

export type CitiesContext = RequestContext<CitiesLoaders>;
