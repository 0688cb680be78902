import { startTestSubgraph, type TestSubgraph } from '@hrc/dev-kit/testing';
import { cityIdFromSlug } from '@hrc/domain-kit';
import { type Identity } from '@hrc/service-kit';

import { educationSubgraph } from '../src/app';
import { newCertificateCode } from '../src/certificate/certificate.code';
import {
  CREATE_COHORT,
  CREATE_PROGRAM,
  ENROLL,
  PROVIDER_ID,
  anonymous,
  dataOf,
  errorOf,
  liaison,
  otherPartner,
  providerPartner,
  secretariat,
  sql,
} from './support';

let education: TestSubgraph;
beforeAll(async () => {
  // A pool wide enough for real contention: without the cohort row lock, the capacity test overbooks.
  education = await startTestSubgraph(educationSubgraph, { DATABASE_POOL_MAX: '30' });
});
afterAll(() => education.close());

async function createProgram(
  identity: Identity = providerPartner,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const input = {
    cityId: cityIdFromSlug('gwangju'),
    title: 'Human rights for frontline officials',
    description: 'Rights-based public service.',
    audiences: ['PUBLIC_OFFICIALS', 'POLICE'],
    languages: ['ko', 'en'],
    ...overrides,
  };
  return (await dataOf(education, CREATE_PROGRAM, { input }, identity)).createProgram.id;
}

async function createCohort(
  programId: string,
  capacity: number,
  identity: Identity = providerPartner,
): Promise<string> {
  const input = { programId, startsOn: '2025-03-03', endsOn: '2025-03-07', capacity, location: 'Gwangju' };
  return (await dataOf(education, CREATE_COHORT, { input }, identity)).createCohort.id;
}

function enroll(cohortId: string, n: number, identity: Identity = providerPartner, audience = 'PUBLIC_OFFICIALS') {
  return education.query<any>(
    ENROLL,
    {
      input: {
        cohortId,
        participantName: `Kim Min-jun ${n}`,
        participantEmail: `Participant${n}@Example.org`,
        audience,
      },
    },
    identity,
  );
}

async function tableCounts() {
  const [row] = await sql(
    education,
    `select (select count(*) from education.program)::int as programs, (select count(*) from education.cohort)::int as cohorts,
            (select count(*) from education.enrollment)::int as enrollments, (select count(*) from education.audit_record)::int as audits`,
  );
  return row;
}

describe('capacity', () => {
  test('60 concurrent enrollments in a cohort of 20: exactly 20 accepted, 40 refused with CONFLICT on cohortId', async () => {
    const cohortId = await createCohort(await createProgram(), 20);
    const results = await Promise.all(Array.from({ length: 60 }, (_, n) => enroll(cohortId, n)));
    const accepted = results.filter((result) => result.data?.enroll);
    const refused = results.filter((result) => result.errors);
    expect(accepted).toHaveLength(20);
    expect(refused).toHaveLength(40);
    for (const result of refused) {
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'cohortId' });
    }
    const [stored] = await sql(
      education,
      'select count(*)::int as total from education.enrollment where cohort_id = $1',
      [cohortId],
    );
    expect(stored.total).toBe(20);
    const { cohort } = await dataOf(
      education,
      `query($id: ID!) { cohort(id: $id) { capacity enrolled placesLeft enrollments(first: 100) { totalCount } } }`,
      { id: cohortId },
      providerPartner,
    );
    // The programme is the partner's draft, so the cohort is invisible to others.
    expect((await dataOf(education, `query($id: ID!) { cohort(id: $id) { id } }`, { id: cohortId })).cohort).toBeNull();
    expect(cohort).toEqual({ capacity: 20, enrolled: 20, placesLeft: 0, enrollments: { totalCount: 20 } });
  });

  test('a dropped enrollment frees its place; capacity cannot be cut below the places taken', async () => {
    const cohortId = await createCohort(await createProgram(), 2);
    const first = (await enroll(cohortId, 1)).data!.enroll;
    expect((await enroll(cohortId, 2)).data!.enroll).toBeTruthy();
    expect((await enroll(cohortId, 3)).errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'cohortId' });
    await dataOf(
      education,
      `mutation($id: ID!) { dropEnrollment(id: $id, expectedVersion: 1) { status } }`,
      { id: first.id },
      providerPartner,
    );
    expect((await enroll(cohortId, 3)).data!.enroll).toBeTruthy();
    const error = await errorOf(
      education,
      `mutation($id: ID!) { updateCohort(id: $id, expectedVersion: 1, input: { capacity: 1 }) { capacity } }`,
      { id: cohortId },
      providerPartner,
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
  });

  test('the same participant cannot take two places', async () => {
    const cohortId = await createCohort(await createProgram(), 5);
    expect((await enroll(cohortId, 7)).data!.enroll).toBeTruthy();
    expect((await enroll(cohortId, 7)).errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'participantEmail',
    });
  });
});

describe('certificates', () => {
  const COMPLETE = `mutation($id: ID!, $v: Int!) { completeEnrollment(id: $id, expectedVersion: $v, input: { completedOn: "2025-03-07" }) {
    status completedOn version certificate { id code issuedOn revoked } } }`;
  const VERIFY = `query($code: String!) { verifyCertificate(code: $code) { valid issuedOn holderInitials program { title } } }`;

  test('a completion date in the future is refused', async () => {
    const cohortId = await createCohort(await createProgram(), 5);
    const enrollment = (await enroll(cohortId, 2)).data!.enroll;
    const result = await education.query(
      `mutation($id: ID!, $v: Int!) { completeEnrollment(id: $id, expectedVersion: $v, input: { completedOn: "2099-01-01" }) { status } }`,
      { id: enrollment.id, v: enrollment.version },
      providerPartner,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'completedOn' });
  });

  test('completion issues a certificate that anyone can verify; unknown and revoked codes answer alike', async () => {
    const cohortId = await createCohort(await createProgram(), 5);
    const enrollment = (await enroll(cohortId, 1)).data!.enroll;
    const { completeEnrollment } = await dataOf(
      education,
      COMPLETE,
      { id: enrollment.id, v: enrollment.version },
      providerPartner,
    );
    expect(completeEnrollment).toMatchObject({
      status: 'COMPLETED',
      completedOn: '2025-03-07',
      certificate: { issuedOn: '2025-03-07', revoked: false },
    });
    const code: string = completeEnrollment.certificate.code;
    expect(code).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);

    const valid = await dataOf(education, VERIFY, { code });
    expect(valid.verifyCertificate).toEqual({
      valid: true,
      issuedOn: '2025-03-07',
      holderInitials: 'K. M. J.',
      program: null,
    });
    // Typed without hyphens and in lower case, it is the same code.
    expect(
      (await dataOf(education, VERIFY, { code: code.replace(/-/g, '').toLowerCase() })).verifyCertificate.valid,
    ).toBe(true);

    const unknown = await education.query(VERIFY, { code: newCertificateCode() });
    const malformed = await education.query(VERIFY, { code: 'not-a-code' });
    await dataOf(
      education,
      `mutation($id: ID!) { revokeCertificate(id: $id, input: { reason: "Issued in error" }) { revoked } }`,
      { id: completeEnrollment.certificate.id },
      providerPartner,
    );
    const revoked = await education.query(VERIFY, { code });
    expect(unknown.data).toEqual({
      verifyCertificate: { valid: false, issuedOn: null, holderInitials: null, program: null },
    });
    expect(revoked).toEqual(unknown);
    expect(malformed).toEqual(unknown);
  });

  test('the verification names the programme once it is published', async () => {
    const programId = await createProgram(secretariat, { providerId: PROVIDER_ID, title: 'Published programme' });
    const cohortId = await createCohort(programId, 5);
    const enrollment = (await enroll(cohortId, 2)).data!.enroll;
    const { completeEnrollment } = await dataOf(
      education,
      COMPLETE,
      { id: enrollment.id, v: enrollment.version },
      providerPartner,
    );
    const { verifyCertificate } = await dataOf(education, VERIFY, { code: completeEnrollment.certificate.code });
    expect(verifyCertificate).toMatchObject({ valid: true, program: { title: 'Published programme' } });
  });

  test('a completed enrollment cannot be completed again, and a stale version is a CONFLICT', async () => {
    const cohortId = await createCohort(await createProgram(), 5);
    const enrollment = (await enroll(cohortId, 3)).data!.enroll;
    const stale = await errorOf(education, COMPLETE, { id: enrollment.id, v: enrollment.version + 1 }, providerPartner);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const done = await dataOf(education, COMPLETE, { id: enrollment.id, v: enrollment.version }, providerPartner);
    const again = await errorOf(
      education,
      COMPLETE,
      { id: enrollment.id, v: done.completeEnrollment.version },
      providerPartner,
    );
    expect(again.extensions).toMatchObject({ code: 'CONFLICT' });
    const [certificates] = await sql(
      education,
      'select count(*)::int as total from education.certificate where enrollment_id = $1',
      [enrollment.id],
    );
    expect(certificates.total).toBe(1);
  });
});

describe('participant privacy', () => {
  let cohortId: string;
  beforeAll(async () => {
    cohortId = await createCohort(
      await createProgram(secretariat, { providerId: PROVIDER_ID, title: 'Public programme' }),
      5,
    );
    const enrollment = (await enroll(cohortId, 9)).data!.enroll;
    await dataOf(
      education,
      `mutation($id: ID!) { completeEnrollment(id: $id, expectedVersion: 1) { status } }`,
      { id: enrollment.id },
      providerPartner,
    );
  });

  const READ = `query($id: ID!) { cohort(id: $id) { enrollments(first: 10) { totalCount edges { node {
    participantName participantEmail audience status certificate { code } } } } } }`;

  test.each([
    ['anonymous', anonymous, false],
    ["the provider's partner", providerPartner, true],
    ["another organisation's partner", otherPartner, false],
    ['UN liaison', liaison, false],
    ['the secretariat', secretariat, true],
  ] as Array<[string, Identity, boolean]>)('%s', async (_label, identity, mayRead) => {
    const { cohort } = await dataOf(education, READ, { id: cohortId }, identity);
    if (!mayRead) {
      expect(cohort.enrollments).toEqual({ totalCount: 0, edges: [] });
      return;
    }
    expect(cohort.enrollments.totalCount).toBe(1);
    const node = cohort.enrollments.edges[0].node;
    expect(node).toMatchObject({ audience: 'PUBLIC_OFFICIALS', status: 'COMPLETED' });
    {
      expect(node.participantName).toBe('Kim Min-jun 9');
      expect(node.participantEmail).toBe('participant9@example.org');
      expect(node.certificate.code).toMatch(/^[A-Z2-7-]{39}$/);
    }
  });

  test("another organisation's partner cannot enroll into, complete or read drafts of the provider", async () => {
    const error = (await enroll(cohortId, 10, otherPartner)).errors![0]!;
    expect(error.extensions!.code).toBe('FORBIDDEN');
    const draftProgram = await createProgram(providerPartner, { title: 'Draft programme' });
    const read = `query($id: ID!) { program(id: $id) { title } }`;
    expect((await dataOf(education, read, { id: draftProgram }, otherPartner)).program).toBeNull();
    expect((await dataOf(education, read, { id: draftProgram }, anonymous)).program).toBeNull();
    expect((await dataOf(education, read, { id: draftProgram }, providerPartner)).program).toEqual({
      title: 'Draft programme',
    });
    const reference = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Program { title } } }`;
    expect(
      (await dataOf(education, reference, { reps: [{ __typename: 'Program', id: draftProgram }] }))._entities,
    ).toEqual([null]);
  });
});

describe('validation and conflicts', () => {
  test.each([
    [
      'a short title',
      CREATE_PROGRAM,
      () => ({ input: { cityId: cityIdFromSlug('gwangju'), title: 'x', description: 'd', audiences: ['YOUTH'] } }),
      'title',
    ],
    [
      'no audience',
      CREATE_PROGRAM,
      () => ({ input: { cityId: cityIdFromSlug('gwangju'), title: 'Valid title', description: 'd', audiences: [] } }),
      'audiences',
    ],
    [
      'a malformed city id',
      CREATE_PROGRAM,
      () => ({ input: { cityId: 'gwangju', title: 'Valid title', description: 'd', audiences: ['YOUTH'] } }),
      'cityId',
    ],
    [
      'a bad language tag',
      CREATE_PROGRAM,
      () => ({
        input: {
          cityId: cityIdFromSlug('gwangju'),
          title: 'Valid title',
          description: 'd',
          audiences: ['YOUTH'],
          languages: ['not a tag'],
        },
      }),
      'languages',
    ],
  ])('%s is BAD_USER_INPUT naming the field, and nothing is written', async (_label, mutation, variables, field) => {
    const before = await tableCounts();
    const error = await errorOf(education, mutation, variables(), providerPartner);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await tableCounts()).toEqual(before);
  });

  test('cohort dates, enrollment audience and page size are checked, and nothing is written', async () => {
    const programId = await createProgram();
    const before = await tableCounts();
    const dates = await errorOf(
      education,
      CREATE_COHORT,
      { input: { programId, startsOn: '2025-05-10', endsOn: '2025-05-01', capacity: 10 } },
      providerPartner,
    );
    expect(dates.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn' });
    const capacity = await errorOf(
      education,
      CREATE_COHORT,
      { input: { programId, startsOn: '2025-05-10', endsOn: '2025-05-11', capacity: 0 } },
      providerPartner,
    );
    expect(capacity.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
    expect(await tableCounts()).toEqual(before);

    const cohortId = await createCohort(programId, 3);
    const afterCohort = await tableCounts();
    const audience = (await enroll(cohortId, 1, providerPartner, 'CHILDREN')).errors![0]!;
    expect(audience.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audience' });
    const email = await errorOf(
      education,
      ENROLL,
      { input: { cohortId, participantName: 'A', participantEmail: 'nope', audience: 'POLICE' } },
      providerPartner,
    );
    expect(email.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'participantEmail' });
    expect(await tableCounts()).toEqual(afterCohort);

    const page = await errorOf(education, `{ programs(first: 101) { totalCount } }`);
    expect(page.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  test('a stale version is a CONFLICT and the record is unchanged', async () => {
    const programId = await createProgram();
    const UPDATE = `mutation($id: ID!, $v: Int!, $title: String!) { updateProgram(id: $id, expectedVersion: $v, input: { title: $title }) { title version } }`;
    const updated = await dataOf(education, UPDATE, { id: programId, v: 1, title: 'First change' }, providerPartner);
    expect(updated.updateProgram).toEqual({ title: 'First change', version: 2 });
    const stale = await errorOf(education, UPDATE, { id: programId, v: 1, title: 'Lost update' }, providerPartner);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion', currentVersion: 2 });
    const [row] = await sql(education, 'select title, version from education.program where id = $1', [programId]);
    expect(row).toEqual({ title: 'First change', version: 2 });
    const audits = await sql(education, `select action from education.audit_record where entity_id = $1 order by id`, [
      programId,
    ]);
    expect(audits.map((audit) => audit.action)).toEqual(['CREATE', 'UPDATE']);
  });

  test('anonymous and liaison callers cannot write', async () => {
    const input = { cityId: cityIdFromSlug('gwangju'), title: 'Valid title', description: 'd', audiences: ['YOUTH'] };
    expect((await errorOf(education, CREATE_PROGRAM, { input }, anonymous)).extensions!.code).toBe('UNAUTHENTICATED');
    expect((await errorOf(education, CREATE_PROGRAM, { input }, liaison)).extensions!.code).toBe('FORBIDDEN');
    expect(
      (await errorOf(education, CREATE_PROGRAM, { input: { ...input, providerId: PROVIDER_ID } }, otherPartner))
        .extensions!.code,
    ).toBe('FORBIDDEN');
  });
});
