import { ConflictError, findByIdOrFail } from '@hrc/service-kit';
import { assertAllowed, Rule } from '@hrc/domain-kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { Cohort } from '../cohort/cohort.entity';
import type { EducationContext } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { RevokeCertificateInput } from '../enrollment/enrollment.inputs';
import { Program } from '../program/program.entity';
import { formatCertificateCode, initialsOf, normalizeCertificateCode } from './certificate.code';
import { Certificate } from './certificate.entity';
import { CertificateVerification, INVALID_CERTIFICATE } from './certificate.type';

@Resolver(() => Certificate)
export class CertificateResolver {
  @FieldResolver(() => String, { description: 'The verification code to give the holder' })
  code(@Root() certificate: Certificate): string {
    // Certificates are reached only through Enrollment.certificate, which already checks the caller.
    return formatCertificateCode(certificate.code);
  }

  @FieldResolver(() => Boolean)
  revoked(@Root() certificate: Certificate): boolean {
    return certificate.revokedAt !== null;
  }

  @Query(() => CertificateVerification, {
    description: 'Checks a certificate code. Public; unknown, malformed and revoked codes all answer valid: false with nulls',
  })
  async verifyCertificate(@Ctx() ctx: EducationContext, @Arg('code') code: string): Promise<CertificateVerification> {
    const normalized = normalizeCertificateCode(code);
    if (!normalized) return INVALID_CERTIFICATE;
    const check = await ctx.em.getRepository(Certificate).findForVerification(normalized);
    if (!check || check.revoked) return INVALID_CERTIFICATE;
    return {
      valid: true,
      programId: check.programId,
      issuedOn: check.issuedOn,
      holderInitials: initialsOf(check.holderName),
      isSampleData: check.isSampleData,
    };
  }

  @Mutation(() => Certificate, { description: 'Revokes a certificate; verifyCertificate then answers as for an unknown code' })
  async revokeCertificate(
    @Ctx() ctx: EducationContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RevokeCertificateInput) input: RevokeCertificateInput,
  ): Promise<Certificate> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const certificate = await findByIdOrFail(em, Certificate, id);
      const enrollment = await em.findOneOrFail(Enrollment, { id: certificate.enrollmentId });
      const cohort = await em.findOneOrFail(Cohort, { id: enrollment.cohortId });
      const program = await em.findOneOrFail(Program, { id: cohort.programId });
      assertAllowed(Rule.OWNER, ctx.identity, [program.providerId]);
      if (certificate.revokedAt) throw new ConflictError('The certificate is already revoked', { field: 'id' });
      certificate.revokedAt = new Date();
      certificate.revokedReason = input.reason;
      await em.flush();
      audit({ action: 'REVOKE', entityType: 'Certificate', entityId: id, after: { revokedReason: input.reason } });
      return certificate;
    });
  }
}

@Resolver(() => CertificateVerification)
export class CertificateVerificationResolver {
  @FieldResolver(() => Program, { nullable: true, description: 'Null when the code is not valid or the programme is not public' })
  program(@Root() verification: CertificateVerification, @Ctx() ctx: EducationContext): Promise<Program | null> | null {
    return verification.programId ? ctx.loaders.programs.byId.load(verification.programId) : null;
  }
}
