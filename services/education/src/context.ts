import type { RequestContext } from '@hrc/service-kit';

import type { EducationLoaders } from './loaders';

export type EducationContext = RequestContext<EducationLoaders>;
