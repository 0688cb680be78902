import { EntityRepository } from '@mikro-orm/postgresql';

import { tableQuery, tableRef } from '@hrc/service-kit';

import type { Certificate } from './certificate.entity';

export interface CertificateCheck {
  programId: string;
  issuedOn: string;
  holderName: string;
  revoked: boolean;
  isSampleData: boolean;
}

export class CertificateRepository extends EntityRepository<Certificate> {
  /** Everything a verification needs, in one statement. */
  async findForVerification(code: string): Promise<CertificateCheck | null> {
    const knex = this.em.getKnex();
    const [row] = (await tableQuery(this.em, this.entityName, 'x')
      .select(
        knex.raw(
          `c.program_id::text as program_id, to_char(x.issued_on, 'YYYY-MM-DD') as issued_on,
           e.participant_name, x.revoked_at is not null as revoked, c.is_sample_data as sample`,
        ),
      )
      .join(tableRef(this.em, 'Enrollment', 'e'), 'e.id', 'x.enrollment_id')
      .join(tableRef(this.em, 'Cohort', 'c'), 'c.id', 'e.cohort_id')
      .where('x.code', code)) as Array<{
      program_id: string;
      issued_on: string;
      participant_name: string;
      revoked: boolean;
      sample: boolean;
    }>;
    if (!row) return null;
    return {
      programId: row.program_id,
      issuedOn: row.issued_on,
      holderName: row.participant_name,
      revoked: row.revoked,
      isSampleData: row.sample,
    };
  }

  /** The certificates of many enrollments, in one statement; an enrollment has at most one. */
  findByEnrollments(enrollmentIds: readonly string[]): Promise<Certificate[]> {
    return this.find({ enrollmentId: { $in: [...enrollmentIds] } });
  }
}
