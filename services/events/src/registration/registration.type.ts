import { Field, ObjectType } from 'type-graphql';

import { ConnectionType } from '@hrc/graph-kit';

import { Registration } from './registration.entity';

export const RegistrationConnection = ConnectionType(Registration);

@ObjectType({
  description:
    'What a participant needs to take part; visible only to the registering organisation, the organiser and the secretariat',
})
export class AccessibilityNeeds {
  @Field()
  supportPerson!: boolean;

  @Field()
  guideDog!: boolean;

  @Field()
  wheelchair!: boolean;

  @Field()
  signLanguage!: boolean;

  @Field()
  captions!: boolean;

  @Field(() => String, { nullable: true })
  dietary!: string | null;

  @Field(() => String, { nullable: true })
  other!: string | null;
}
