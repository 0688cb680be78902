import { randomUUID } from 'node:crypto';

import { Entity, EntityRepositoryType, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';

import { Enrollment } from '../enrollment/enrollment.entity';
import { CertificateRepository } from './certificate.repository';

/**
 * Issued when an enrollment is completed. `code` has no @Field: it is a bearer secret, shown only to the
 * provider's partners and the secretariat, who hand it to the holder.
 */
@ObjectType({ description: 'A certificate of completion, checkable by anyone with its code through verifyCertificate' })
@Entity({ tableName: 'certificate', repository: () => CertificateRepository })
export class Certificate {
  [EntityRepositoryType]?: CertificateRepository;

  @Field(() => ID, { description: "The certificate's id" })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Enrollment, { mapToPk: true, fieldName: 'enrollment_id', deleteRule: 'cascade', unique: true })
  enrollmentId!: string;

  @Property({ type: 'text', unique: true })
  code!: string;

  @Field(() => GraphQLLocalDate, { description: 'The day it was issued: the completion date' })
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was revoked; null while valid' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was revoked; null while valid' })
  @Property({ type: 'text', nullable: true })
  revokedReason: string | null = null;
}
