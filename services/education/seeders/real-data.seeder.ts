import type { EntityManager } from '@mikro-orm/postgresql';

import { cityIdFromSlug, ModerationStatus, organizationIdFromSlug } from '@hrc/domain-kit';

import { newCertificateCode } from '../src/certificate/certificate.code';
import { Certificate } from '../src/certificate/certificate.entity';
import { Cohort } from '../src/cohort/cohort.entity';
import { Enrollment } from '../src/enrollment/enrollment.entity';
import { EnrollmentStatus } from '../src/enrollment/enrollment.enums';
import { Program } from '../src/program/program.entity';
import { SAMPLE_DATA_NOTE, SEED_COHORTS, SEED_PROGRAMS } from './real-data';

/** Loads the real programmes and clearly marked sample cohorts; the kit runs it once per database, in one transaction. */
export async function seedRealEducationData(em: EntityManager): Promise<void> {
  const programs = new Map<string, Program>();
  for (const seed of SEED_PROGRAMS) {
    const providerId = organizationIdFromSlug(seed.provider);
    programs.set(
      seed.key,
      em.create(Program, {
        providerId,
        contributedBy: providerId,
        status: ModerationStatus.PUBLISHED,
        cityId: cityIdFromSlug(seed.city),
        title: seed.title,
        titleTranslations: seed.titleTranslations ?? {},
        description: seed.description,
        audiences: seed.audiences,
        themes: seed.themes,
        languages: seed.languages,
        format: seed.format,
      }),
    );
  }
  let participant = 0;
  for (const seed of SEED_COHORTS) {
    const program = programs.get(seed.program)!;
    const cohort = em.create(Cohort, {
      programId: program.id,
      startsOn: seed.startsOn,
      endsOn: seed.endsOn,
      capacity: seed.capacity,
      location: seed.location,
      notes: SAMPLE_DATA_NOTE,
      isSampleData: true,
    });
    const outcomes = [
      ...Array<EnrollmentStatus>(seed.completed).fill(EnrollmentStatus.COMPLETED),
      ...Array<EnrollmentStatus>(seed.enrolled).fill(EnrollmentStatus.ENROLLED),
      ...Array<EnrollmentStatus>(seed.dropped).fill(EnrollmentStatus.DROPPED),
    ];
    for (const [index, status] of outcomes.entries()) {
      participant += 1;
      const enrollment = em.create(Enrollment, {
        cohortId: cohort.id,
        participantName: `Sample Participant ${participant}`,
        participantEmail: `sample-participant-${participant}@example.org`,
        audience: program.audiences[index % program.audiences.length]!,
        status,
        completedOn: status === EnrollmentStatus.COMPLETED ? seed.endsOn : null,
      });
      if (status === EnrollmentStatus.COMPLETED) {
        em.create(Certificate, { enrollmentId: enrollment.id, code: newCertificateCode(), issuedOn: seed.endsOn });
      }
    }
  }
}
