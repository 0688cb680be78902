import type { EntityManager } from '@mikro-orm/postgresql';

import { ProgramAudience } from '../src/program/program.enums';

export interface SyntheticEducationSize {
  /** City ids to spread programmes over; they need not exist, the cities subgraph is never read. */
  cityIds: string[];
  /** Provider organisation ids, assigned round-robin. */
  providerIds: string[];
  programsPerCity: number;
  cohortsPerProgram: number;
  /** Each cohort gets between 1 and this many enrollments, and this capacity. */
  maxEnrollmentsPerCohort: number;
  firstYear: number;
  lastYear: number;
}

export interface SyntheticEducationCounts {
  programs: number;
  cohorts: number;
  enrollments: number;
  certificates: number;
}

const AUDIENCES = Object.values(ProgramAudience);

/**
 * Generates benchmark data in one set-based statement (programmes, cohorts, enrollments, certificates), so
 * hundreds of thousands of enrollments take seconds. Every row says it is synthetic; about one programme in
 * seven is left SUBMITTED so visibility rules are exercised too.
 */
export async function seedSyntheticEducation(
  em: EntityManager,
  options: SyntheticEducationSize,
): Promise<SyntheticEducationCounts> {
  const span = options.lastYear - options.firstYear + 1;
  const result = await em.getKnex().raw(
    `with programs as (
       insert into education.program (id, status, contributed_by, version, created_at, updated_at, provider_id, city_id,
         title, title_translations, description, description_translations, audiences, themes, languages, format,
         duration_hours, learning_outcomes)
       select gen_random_uuid(), case when (c.ci::int + g) % 7 = 0 then 'SUBMITTED' else 'PUBLISHED' end, pv.provider, 1, now(), now(),
         pv.provider, c.city, 'Synthetic programme ' || c.ci || '-' || g, '{}',
         'Synthetic data generated for benchmarks and tests; not a real programme.', '{}',
         (:audiences::text[])[1 + (c.ci::int * 7 + g) % :audienceCount : 1 + (c.ci::int * 7 + g) % :audienceCount + g % 3],
         array['EDUCATION'], array['en'], (array['IN_PERSON', 'ONLINE', 'BLENDED'])[1 + g % 3], 8 + g % 40, '{}'
       from unnest(:cityIds::uuid[]) with ordinality as c(city, ci)
       cross join generate_series(1, :programsPerCity) g
       cross join lateral (
         select (:providerIds::uuid[])[1 + (c.ci::int + g) % :providerCount] as provider
       ) pv
       returning id, audiences
     ),
     cohorts as (
       insert into education.cohort (id, program_id, starts_on, ends_on, capacity, online, location, event_id, notes,
         version, created_at, updated_at)
       select gen_random_uuid(), p.id, s.starts_on, s.starts_on + 2, :maxEnrollments, false, null, null,
         'Synthetic data', 1, now(), now()
       from programs p
       cross join generate_series(1, :cohortsPerProgram) k
       cross join lateral (
         select make_date(:firstYear + abs(hashtext(p.id::text || k)) % :span,
                          1 + abs(hashtext(k || p.id::text)) % 12, 1 + abs(hashtext(p.id::text)) % 28) as starts_on
       ) s
       returning id, program_id, starts_on
     ),
     enrollments as (
       insert into education.enrollment (id, cohort_id, participant_name, participant_email, audience, status,
         enrolled_at, completed_on, version, created_at, updated_at)
       select gen_random_uuid(), c.id, 'Synthetic Participant ' || n, 'participant' || n || '@synthetic.invalid',
         p.audiences[1 + n % array_length(p.audiences, 1)], st.status, now(),
         case when st.status = 'COMPLETED' then c.starts_on + 2 end, 1, now(), now()
       from cohorts c
       join programs p on p.id = c.program_id
       cross join lateral generate_series(1, 1 + abs(hashtext(c.id::text)) % :maxEnrollments) n
       cross join lateral (
         select case when (n + abs(hashtext(c.id::text || 's'))) % 10 < 6 then 'COMPLETED'
                     when (n + abs(hashtext(c.id::text || 's'))) % 10 < 8 then 'ENROLLED'
                     else 'DROPPED' end as status
       ) st
       returning id, status, completed_on
     ),
     certificates as (
       insert into education.certificate (id, enrollment_id, code, issued_on)
       select gen_random_uuid(), e.id,
         translate(upper(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')), '0189', 'WXYZ'),
         e.completed_on
       from enrollments e where e.status = 'COMPLETED'
       returning id
     )
     select (select count(*) from programs)::int as programs, (select count(*) from cohorts)::int as cohorts,
       (select count(*) from enrollments)::int as enrollments, (select count(*) from certificates)::int as certificates`,
    {
      audiences: AUDIENCES,
      audienceCount: AUDIENCES.length,
      cityIds: options.cityIds,
      providerIds: options.providerIds,
      providerCount: options.providerIds.length,
      programsPerCity: options.programsPerCity,
      cohortsPerProgram: options.cohortsPerProgram,
      maxEnrollments: options.maxEnrollmentsPerCohort,
      firstYear: options.firstYear,
      span,
    },
  );
  return (result as { rows: SyntheticEducationCounts[] }).rows[0]!;
}
