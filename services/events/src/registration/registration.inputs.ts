import { IsEmail, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    'What a participant needs to take part; visible only to the registering organisation, the organiser and the secretariat',
})
export class AccessibilityNeedsInput {
  @Field({ defaultValue: false, description: 'Needs someone to accompany them' })
  supportPerson: boolean = false;

  @Field({ defaultValue: false, description: 'Comes with a guide or assistance dog' })
  guideDog: boolean = false;

  @Field({ defaultValue: false, description: 'Needs wheelchair access' })
  wheelchair: boolean = false;

  @Field({ defaultValue: false, description: 'Needs sign language interpretation' })
  signLanguage: boolean = false;

  @Field({ defaultValue: false, description: 'Needs live captions' })
  captions: boolean = false;

  @Field(() => String, { nullable: true, description: 'Dietary needs, in their words' })
  @IsOptional()
  @MaxLength(500)
  dietary?: string | null;

  @Field(() => String, { nullable: true, description: 'Anything else, in their words' })
  @IsOptional()
  @MaxLength(2000)
  other?: string | null;
}

@InputType({ description: 'A registration for an event: a seat while any is free, otherwise a place on the waitlist' })
export class RegisterForEventInput {
  @Field(() => ID, { description: 'The event (an Event id)' })
  eventId!: string;

  @Field({ description: "The participant's name" })
  @MinLength(1)
  @MaxLength(200)
  participantName!: string;

  @Field({
    description:
      "The participant's email; visible only to the registering organisation, the organiser and the secretariat",
  })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => AccessibilityNeedsInput, {
    nullable: true,
    description: 'What the participant needs to take part; left out, nothing',
  })
  @IsOptional()
  @ValidateNested()
  accessibilityNeeds?: AccessibilityNeedsInput;

  @Field(() => ID, {
    nullable: true,
    description: 'The registering organisation; partners always register for their own organisation',
  })
  organizationId?: string | null;
}
