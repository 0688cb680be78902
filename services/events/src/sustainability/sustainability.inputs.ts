import { ArrayMaxSize, IsOptional, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A change to one item of the sustainability checklist' })
export class ChecklistItemInput {
  @Field({ description: 'The item code, for example HR_BARRIER_FREE' })
  @MinLength(1)
  @MaxLength(64)
  code!: string;

  @Field({ description: 'Whether it is done' })
  done!: boolean;

  @Field(() => String, { nullable: true, description: 'Text or a URL that shows the item was done' })
  @IsOptional()
  @MaxLength(2000)
  evidence?: string | null;
}

@ArgsType()
export class UpdateSustainabilityChecklistArgs {
  @Field(() => Int, { nullable: true, description: "The edition's year; give this or eventId" })
  editionYear?: number;

  @Field(() => ID, { nullable: true, description: 'The event; give this or editionYear' })
  eventId?: string;

  @Field(() => Int, { description: 'The checklist version you read (0 before its first update)' })
  expectedVersion!: number;

  @Field(() => [ChecklistItemInput], { description: 'Items to change; items not listed keep their state' })
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  items!: ChecklistItemInput[];
}
