import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import { Allow } from '@hrc/graph-kit';

import type { EducationContext } from '../context';
import { Program } from '../program/program.entity';
import { formatCertificateCode } from './certificate.code';
import { Certificate } from './certificate.entity';
import { RevokeCertificateInput } from './certificate.inputs';
import * as certificateService from './certificate.service';
import { CertificateVerification } from './certificate.type';

@Resolver(() => Certificate)
export class CertificateResolver {
  @FieldResolver(() => String, { description: 'The verification code to give the holder' })
  code(@Root() certificate: Certificate): string {
    // A certificate is reached only through Enrollment.certificate, private to the provider, or its own revocation.
    return formatCertificateCode(certificate.code);
  }

  @FieldResolver(() => Boolean, {
    description: 'True once the certificate was revoked; verifyCertificate then answers as for an unknown code',
  })
  revoked(@Root() certificate: Certificate): boolean {
    return certificate.revokedAt !== null;
  }

  @Allow(Rule.PUBLIC)
  @Query(() => CertificateVerification, {
    nullable: true,
    description:
      'Checks a certificate code. Public; unknown, malformed and revoked codes all answer valid: false with nulls',
  })
  verifyCertificate(
    @Ctx() ctx: EducationContext,
    @Arg('code', { description: 'The code as printed, in any case, with or without hyphens' }) code: string,
  ): Promise<CertificateVerification> {
    return certificateService.verifyCertificate(ctx, code);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Certificate, {
    description: 'Revokes a certificate; verifyCertificate then answers as for an unknown code',
  })
  revokeCertificate(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID, { description: "The certificate's id" }) id: string,
    @Arg('input', () => RevokeCertificateInput, { description: 'Why it is revoked' }) input: RevokeCertificateInput,
  ): Promise<Certificate> {
    return certificateService.revokeCertificate(ctx, id, input);
  }
}

@Resolver(() => CertificateVerification)
export class CertificateVerificationResolver {
  @FieldResolver(() => Program, {
    nullable: true,
    description: 'Null when the code is not valid or the programme is not visible to you',
  })
  program(@Root() verification: CertificateVerification, @Ctx() ctx: EducationContext): Promise<Program | null> | null {
    return verification.programId ? ctx.loaders.programs.byId.load(verification.programId) : null;
  }
}
