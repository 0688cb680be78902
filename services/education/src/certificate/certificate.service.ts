import { ConflictError, findByIdOrFail } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import { Cohort } from '../cohort/cohort.entity';
import type { EducationContext } from '../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { providedProgram } from '../program/program.service';
import { initialsOf, normalizeCertificateCode } from './certificate.code';
import { Certificate } from './certificate.entity';
import type { RevokeCertificateInput } from './certificate.inputs';
import { INVALID_CERTIFICATE, type CertificateVerification } from './certificate.type';

/** What anyone may learn from a code: unknown, malformed and revoked codes all get the same answer. */
export async function verifyCertificate(ctx: EducationContext, code: string): Promise<CertificateVerification> {
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

/**
 * Revokes a certificate, for its programme's provider or the secretariat. Certificates carry no version, and the
 * audit records the reason only: a snapshot would hold the code, a bearer secret.
 */
export function revokeCertificate(
  ctx: EducationContext,
  id: string,
  input: RevokeCertificateInput,
): Promise<Certificate> {
  return auditedWrite(ctx, async ({ em, audit }) => {
    const certificate = await findByIdOrFail(em, Certificate, id);
    const enrollment = await em.findOneOrFail(Enrollment, { id: certificate.enrollmentId });
    const cohort = await em.findOneOrFail(Cohort, { id: enrollment.cohortId });
    await providedProgram(ctx, em, cohort.programId);
    if (certificate.revokedAt) throw new ConflictError('The certificate is already revoked', { field: 'id' });
    certificate.revokedAt = new Date();
    certificate.revokedReason = input.reason;
    await em.flush();
    audit({ action: 'REVOKE', entityType: 'Certificate', entityId: id, after: { revokedReason: input.reason } });
    return certificate;
  });
}
