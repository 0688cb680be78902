import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

/**
 * What anyone may learn from a certificate code. Unknown and revoked codes give the same answer, so the
 * response never tells a guesser that a code once existed.
 */
@ObjectType({ description: 'The public answer to verifyCertificate; unknown and revoked codes answer alike' })
export class CertificateVerification {
  @Field({ description: 'True when the code belongs to a certificate that has not been revoked' })
  valid!: boolean;

  /** Served as `program` through the visibility-checking loader. */
  programId!: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'The day it was issued; null when the code is not valid',
  })
  issuedOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The holder\'s initials: the first letter of each word of the name ("Kim Min-jun" → "K. M. J."), letters only; never the name or contact. Null when the code is not valid or the name has no letters',
  })
  holderInitials!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True for certificates of illustrative sample data, which certify nobody',
  })
  isSampleData!: boolean | null;
}

export const INVALID_CERTIFICATE: CertificateVerification = Object.freeze({
  valid: false,
  programId: null,
  issuedOn: null,
  holderInitials: null,
  isSampleData: null,
});
