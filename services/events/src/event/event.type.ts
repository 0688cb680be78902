import { Field, Int, ObjectType } from 'type-graphql';

import { ConnectionType } from '@hrc/graph-kit';

import { Organization } from '../organization/organization.type';
import { Event } from './event.entity';

export const EventConnection = ConnectionType(Event);

@ObjectType({ description: 'Interpretation offered at an event' })
export class Interpretation {
  @Field(() => [String], { description: 'Spoken languages interpreted into, as BCP 47 tags' })
  languages!: string[];

  @Field(() => [String], { description: 'Sign languages, as BCP 47 tags (for example "kvk" for Korean Sign Language)' })
  signLanguages!: string[];
}

@ObjectType({ description: 'A speaker at an event' })
export class Speaker {
  @Field({ description: "The speaker's name" })
  name!: string;

  @Field(() => String, { nullable: true, description: "The speaker's affiliation as given; null when none" })
  affiliation!: string | null;

  @Field(() => Organization, { nullable: true, description: "The speaker's organisation, when it is a partner" })
  organization!: Organization | null;
}

@ObjectType({ description: 'How full an event is: counts only, never people' })
export class SeatAvailability {
  @Field(() => Int, { nullable: true, description: 'Null when attendance is not limited' })
  capacity!: number | null;

  @Field(() => Int, { description: 'Seats held (registered or attended)' })
  registered!: number;

  @Field(() => Int, { description: 'Registrations waiting for a seat' })
  waitlisted!: number;

  @Field(() => Int, { nullable: true, description: 'Seats still free; null when attendance is not limited' })
  remaining!: number | null;
}
