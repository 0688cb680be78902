import type { RequestContext } from '@hrc/common';

import type { EducationLoaders } from './loaders';

export type EducationContext = RequestContext<EducationLoaders>;
