import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class RevokeCertificateInput {
  @Field()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}
