import { IsOptional, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class ChecklistItemInput {
  @Field({ description: 'The item code, for example HR_BARRIER_FREE' })
  @MinLength(1)
  @MaxLength(64)
  code!: string;

  @Field()
  done!: boolean;

  @Field(() => String, { nullable: true, description: 'Text or a URL that shows the item was done' })
  @IsOptional()
  @MaxLength(2000)
  evidence?: string | null;
}
