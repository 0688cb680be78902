import { registerEnumType } from 'type-graphql';

export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  COMPLETED = 'COMPLETED',
  DROPPED = 'DROPPED',
}
registerEnumType(EnrollmentStatus, {
  name: 'EnrollmentStatus',
  description: 'Where a participant stands in a cohort',
  valuesConfig: {
    ENROLLED: { description: 'Holds a place in the cohort' },
    COMPLETED: { description: 'Completed the cohort; a certificate was issued' },
    DROPPED: { description: 'Left the cohort; the place is free again' },
  },
});
