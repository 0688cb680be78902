import { MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Why a certificate is revoked' })
export class RevokeCertificateInput {
  @Field({ description: 'The reason, 3 to 1000 characters; kept in the audit trail' })
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}
