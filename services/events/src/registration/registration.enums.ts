import { registerEnumType } from 'type-graphql';

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Where a registration for an event stands',
  valuesConfig: {
    REGISTERED: { description: 'Holds a seat' },
    WAITLISTED: { description: 'Waits for a seat; promoted in arrival order when one frees up' },
    CANCELLED: { description: 'Gave up the seat or the waitlist place' },
    ATTENDED: { description: 'Took part; still holds the seat' },
  },
});

/** Statuses that occupy one of the event's seats. */
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = [
  RegistrationStatus.REGISTERED,
  RegistrationStatus.ATTENDED,
];
