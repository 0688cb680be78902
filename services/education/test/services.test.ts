import { randomUUID } from 'node:crypto';

import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { AuditRecord, cityIdFromSlug } from '@hrc/domain-kit';
import { type Identity } from '@hrc/service-kit';

import { educationSubgraph } from '../src/app';
import * as certificateService from '../src/certificate/certificate.service';
import * as cohortService from '../src/cohort/cohort.service';
import type { EducationContext } from '../src/context';
import { Enrollment } from '../src/enrollment/enrollment.entity';
import * as enrollmentService from '../src/enrollment/enrollment.service';
import { createEducationLoaders } from '../src/loaders';
import { ProgramAudience } from '../src/program/program.enums';
import * as programService from '../src/program/program.service';
import { anonymous, liaison, otherPartner, providerPartner, secretariat } from './support';

/* The use cases called directly, as a resolver would, with no HTTP and no signed identity. */

let education: TestSubgraph;
beforeAll(async () => {
  education = await startTestSubgraph(educationSubgraph);
});
afterAll(() => education.close());

function contextFor(identity: Identity): EducationContext {
  const em = education.app.orm.em.fork();
  return {
    em,
    identity,
    requestId: randomUUID(),
    logger: education.app.logger,
    loaders: createEducationLoaders(em, identity),
    signal: new AbortController().signal,
  };
}

/** The error code a use case fails with, or null when it succeeds. */
async function codeOf(work: Promise<unknown>): Promise<unknown> {
  const failure = await work.then(
    () => null,
    (thrown: { extensions?: { code?: unknown } }) => thrown,
  );
  return failure?.extensions?.code ?? null;
}

async function auditsOf(entityId: string) {
  return education.app.orm.em.fork().find(AuditRecord, { entityId }, { orderBy: { occurredAt: 'asc' } });
}

async function cohortOfProvider(capacity: number) {
  const program = await programService.createProgram(contextFor(providerPartner), {
    cityId: cityIdFromSlug('gwangju'),
    title: 'Human rights for frontline officials',
    description: 'Rights-based public service.',
    audiences: [ProgramAudience.PUBLIC_OFFICIALS],
  });
  return cohortService.createCohort(contextFor(providerPartner), {
    programId: program.id,
    startsOn: '2025-03-03',
    endsOn: '2025-03-07',
    capacity,
  });
}

const participant = (cohortId: string, n: number) => ({
  cohortId,
  participantName: `Kim Min-jun ${n}`,
  participantEmail: `participant${n}@example.org`,
  audience: ProgramAudience.PUBLIC_OFFICIALS,
});

describe('enrollment use cases', () => {
  test("another organisation may not enroll into the provider's cohort, and nothing is written", async () => {
    const cohort = await cohortOfProvider(5);
    expect(await codeOf(enrollmentService.enroll(contextFor(otherPartner), participant(cohort.id, 1)))).toBe(
      'FORBIDDEN',
    );
    expect(await education.app.orm.em.fork().count(Enrollment, { cohortId: cohort.id })).toBe(0);
  });

  test('a full cohort refuses with CONFLICT; a drop frees the place', async () => {
    const cohort = await cohortOfProvider(1);
    const first = await enrollmentService.enroll(contextFor(providerPartner), participant(cohort.id, 1));
    expect(await codeOf(enrollmentService.enroll(contextFor(providerPartner), participant(cohort.id, 2)))).toBe(
      'CONFLICT',
    );
    await enrollmentService.dropEnrollment(contextFor(providerPartner), first.id, first.version);
    await expect(
      enrollmentService.enroll(contextFor(providerPartner), participant(cohort.id, 2)),
    ).resolves.toMatchObject({ status: 'ENROLLED' });
    expect(
      await codeOf(cohortService.updateCohort(contextFor(providerPartner), cohort.id, cohort.version, { capacity: 0 })),
    ).toBe('BAD_USER_INPUT');
  });

  test('completion issues a certificate in the same transaction; the audit trail never holds its code', async () => {
    const cohort = await cohortOfProvider(5);
    const enrollment = await enrollmentService.enroll(contextFor(providerPartner), participant(cohort.id, 3));
    const completed = await enrollmentService.completeEnrollment(
      contextFor(secretariat),
      enrollment.id,
      enrollment.version,
      {
        completedOn: '2025-03-07',
      },
    );
    expect(completed).toMatchObject({ status: 'COMPLETED', completedOn: '2025-03-07' });
    const { id: certificateId, code } = (await contextFor(secretariat).loaders.enrollments.certificateOf.load(
      enrollment.id,
    ))!;
    expect((await auditsOf(enrollment.id)).map((record) => record.action)).toEqual(['CREATE', 'COMPLETE']);
    const issued = await auditsOf(certificateId);
    expect(issued.map((record) => record.action)).toEqual(['ISSUE']);
    expect(JSON.stringify(issued)).not.toContain(code);

    await certificateService.revokeCertificate(contextFor(providerPartner), certificateId, {
      reason: 'Issued in error',
    });
    expect((await auditsOf(certificateId)).map((record) => record.action)).toEqual(['ISSUE', 'REVOKE']);
    expect(
      await codeOf(
        certificateService.revokeCertificate(contextFor(providerPartner), certificateId, { reason: 'Twice' }),
      ),
    ).toBe('CONFLICT');
    expect(await certificateService.verifyCertificate(contextFor(anonymous), code)).toMatchObject({ valid: false });
  });
});

describe('Cohort.enrollments is a private list: rows filtered in SQL, never an error', () => {
  test.each([
    ['anonymous', 0, anonymous],
    ["another organisation's partner", 0, otherPartner],
    ['UN liaison', 0, liaison],
    ["the provider's partner", 2, providerPartner],
    ['the secretariat', 2, secretariat],
  ] as Array<[string, number, Identity]>)('%s reads %i of 2', async (_label, expected, identity) => {
    const cohort = await cohortOfProvider(5);
    for (const n of [1, 2]) await enrollmentService.enroll(contextFor(providerPartner), participant(cohort.id, n));
    const connection = await contextFor(identity).loaders.enrollments.connectionOf('cohort', cohort.id, { first: 10 });
    expect(connection.edges).toHaveLength(expected);
    expect(await connection.totalCount).toBe(expected);
  });
});
