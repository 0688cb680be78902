import { ConnectionType } from '@hrc/graph-kit';

import { Enrollment } from './enrollment.entity';

/** A page of a cohort's enrollments; the entity is the GraphQL type, with its private fields added by the resolver. */
export const EnrollmentConnection = ConnectionType(Enrollment);
