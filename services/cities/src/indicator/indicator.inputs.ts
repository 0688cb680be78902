import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

import { BulkMode } from '@hrc/graph-kit';

@InputType({ description: "A city's value for an indicator and year" })
export class RecordIndicatorValueInput {
  @Field({ description: 'The indicator code, for example "SPA-01"' })
  @MinLength(1)
  @MaxLength(20)
  indicatorCode!: string;

  @Field(() => ID, { description: 'The city (a City id)' })
  cityId!: string;

  @Field(() => Int, { description: 'The calendar year the value is for' })
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;

  @Field(() => Float, { description: 'The figure, in the unit of its indicator' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @Field({ description: 'Where the figure comes from; say SAMPLE DATA for made-up figures' })
  @MinLength(3)
  @MaxLength(1000)
  source!: string;

  @Field(() => ID, { nullable: true, description: 'The contributing organisation (secretariat only)' })
  organizationId?: string | null;
}

@InputType({ description: 'A correction: a field left out keeps its stored value' })
export class UpdateIndicatorValueInput {
  @Field(() => Float, { nullable: true, description: 'The corrected figure' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;

  @Field({ nullable: true, description: 'The corrected source' })
  @IsOptional()
  @MinLength(3)
  @MaxLength(1000)
  source?: string;
}

@InputType({ description: 'Up to 1,000 indicator values in one call, each reported on its own' })
export class RecordIndicatorValuesInput {
  @Field(() => [RecordIndicatorValueInput], {
    description: 'The values, at most 1,000. Each is checked on its own; errors name the row index and the field',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  rows!: RecordIndicatorValueInput[];

  @Field(() => BulkMode, { defaultValue: BulkMode.ALL_OR_NOTHING, description: 'What a failing row does to the rest' })
  mode: BulkMode = BulkMode.ALL_OR_NOTHING;

  @Field(() => String, {
    nullable: true,
    description:
      'Your idempotency key for this call: a retry with the same key within 24 hours returns the first result and ' +
      'writes nothing; the same key with other rows is a CONFLICT. The Idempotency-Key header works the same way',
  })
  @IsOptional()
  @MaxLength(255)
  clientMutationId?: string | null;
}
