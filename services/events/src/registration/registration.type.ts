import { Field, ObjectType } from 'type-graphql';

import { ConnectionType } from '@hrc/graph-kit';

import { Registration } from './registration.entity';

export const RegistrationConnection = ConnectionType(Registration);

@ObjectType({
  description:
    'What a participant needs to take part; visible only to the registering organisation, the organiser and the secretariat',
})
export class AccessibilityNeeds {
  @Field({ description: 'Needs someone to accompany them' })
  supportPerson!: boolean;

  @Field({ description: 'Comes with a guide or assistance dog' })
  guideDog!: boolean;

  @Field({ description: 'Needs wheelchair access' })
  wheelchair!: boolean;

  @Field({ description: 'Needs sign language interpretation' })
  signLanguage!: boolean;

  @Field({ description: 'Needs live captions' })
  captions!: boolean;

  @Field(() => String, { nullable: true, description: 'Dietary needs, in their words; null when none' })
  dietary!: string | null;

  @Field(() => String, { nullable: true, description: 'Anything else, in their words; null when none' })
  other!: string | null;
}
