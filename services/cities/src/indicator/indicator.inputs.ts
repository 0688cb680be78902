import { IsInt, IsNumber, IsOptional, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType()
export class RecordIndicatorValueInput {
  @Field({ description: 'The indicator code, for example "SPA-01"' })
  @MinLength(1)
  @MaxLength(20)
  indicatorCode!: string;

  @Field(() => ID)
  cityId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @Field()
  @MinLength(3)
  @MaxLength(1000)
  source!: string;

  @Field(() => ID, { nullable: true, description: 'The contributing organisation (secretariat only)' })
  organizationId?: string | null;
}

@InputType()
export class UpdateIndicatorValueInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @Field({ nullable: true })
  @IsOptional()
  @MinLength(3)
  @MaxLength(1000)
  source?: string;
}
