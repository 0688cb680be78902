import { IsEmail, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AccessibilityNeedsInput {
  @Field({ defaultValue: false })
  supportPerson: boolean = false;

  @Field({ defaultValue: false })
  guideDog: boolean = false;

  @Field({ defaultValue: false })
  wheelchair: boolean = false;

  @Field({ defaultValue: false })
  signLanguage: boolean = false;

  @Field({ defaultValue: false })
  captions: boolean = false;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(500)
  dietary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  other?: string | null;
}

@InputType()
export class RegisterForEventInput {
  @Field(() => ID)
  eventId!: string;

  @Field()
  @MinLength(1)
  @MaxLength(200)
  participantName!: string;

  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => AccessibilityNeedsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  accessibilityNeeds?: AccessibilityNeedsInput;

  @Field(() => ID, {
    nullable: true,
    description: 'The registering organisation; partners always register for their own organisation',
  })
  organizationId?: string | null;
}
