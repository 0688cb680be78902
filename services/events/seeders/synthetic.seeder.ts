import type { EntityManager } from '@mikro-orm/postgresql';

import { cityIdFromSlug, organizationIdFromSlug } from '@hrc/domain-kit';

export interface SyntheticEventsSize {
  events: number;
  registrationsPerEvent: number;
}

/** Hosts and organisers are the seeded real cities and partners, so references resolve through the gateway. */
const HOST_CITY_SLUGS = [
  'gwangju',
  'rosario',
  'graz',
  'montreal',
  'utrecht',
  'vienna',
  'york',
  'lund',
  'barcelona',
  'grigny',
  'mexico-city',
];
const ORGANIZER_SLUGS = [
  'gwangju-metropolitan-city',
  'whrcf-secretariat',
  'gwangju-international-center',
  'uclg-cisdp',
  'raoul-wallenberg-institute',
  'etc-graz',
  'ohchr',
];
const TIME_ZONES = [
  'Asia/Seoul',
  'America/Argentina/Cordoba',
  'Europe/Vienna',
  'America/Toronto',
  'Europe/Amsterdam',
  'Europe/Vienna',
  'Europe/London',
  'Europe/Stockholm',
  'Europe/Madrid',
  'Europe/Paris',
  'America/Mexico_City',
];

function sqlArray(values: string[]): string {
  return `array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]`;
}

/**
 * A large, obviously fake programme for benchmarks: "Synthetic event 000042", descriptions that say SYNTHETIC, and
 * registrations that respect each event's capacity (the rest waitlisted, in arrival order). Set-based SQL, so tens
 * of thousands of rows load in seconds; never mixed into the real seed.
 */
export async function seedSyntheticEvents(em: EntityManager, size: SyntheticEventsSize): Promise<void> {
  const connection = em.getConnection();
  const cities = sqlArray(HOST_CITY_SLUGS.map(cityIdFromSlug));
  const zones = sqlArray(TIME_ZONES);
  const organizers = sqlArray(ORGANIZER_SLUGS.map(organizationIdFromSlug));
  await connection.execute(
    `insert into events.event (id, status, contributed_by, version, created_at, updated_at, kind, title, title_translations, description,
                               description_translations, starts_at, ends_at, time_zone, all_day, venue, format, host_city_id, edition_id,
                               languages, interpretation_languages, sign_languages, accessibility, capacity, speakers, search_vector, is_sample_data)
     select gen_random_uuid(), 'PUBLISHED', (${organizers})[1 + g % ${ORGANIZER_SLUGS.length}]::uuid, 1, now(), now(),
            (array['PLENARY','THEMATIC_SESSION','WORKSHOP','SIDE_EVENT','SPECIAL_SESSION','CULTURAL','PARTNER_EVENT'])[1 + g % 7],
            t.title, '{}'::jsonb, t.description, '{}'::jsonb,
            timestamptz '2025-01-01 09:00:00+00' + (g % 1500) * interval '1 day' + (g % 8) * interval '1 hour',
            timestamptz '2025-01-01 11:00:00+00' + (g % 1500) * interval '1 day' + (g % 8) * interval '1 hour',
            (${zones})[1 + g % ${TIME_ZONES.length}], false, 'Synthetic venue',
            (array['IN_PERSON','ONLINE','HYBRID'])[1 + g % 3], (${cities})[1 + g % ${HOST_CITY_SLUGS.length}]::uuid, null,
            string_to_array((array['en,ko','en,es','de,en','fr,en'])[1 + g % 4], ','),
            '{}', '{}',
            string_to_array((array['WHEELCHAIR_ACCESS,LIVE_CAPTIONS','SIGN_LANGUAGE,EASY_READ','HEARING_LOOP,QUIET_ROOM'])[1 + g % 3], ','),
            20 + g % 200, '[]'::jsonb,
            setweight(to_tsvector('simple', t.title), 'A') || setweight(to_tsvector('simple', t.description), 'B'), true
     from generate_series(1, ?) as g
     cross join lateral (
       select 'Synthetic event ' || lpad(g::text, 6, '0') as title,
              'SYNTHETIC BENCHMARK DATA: not a real event of the network.' as description
     ) t`,
    [size.events],
  );
  await connection.execute(
    `insert into events.registration (id, event_id, organization_id, participant_name, email, accessibility_needs, status, arrival,
                                      registered_by, version, created_at, updated_at)
     select gen_random_uuid(), e.id, (${organizers})[1 + (e.n + p) % ${ORGANIZER_SLUGS.length}]::uuid,
            'Synthetic participant ' || p, 'synthetic-' || e.n || '-' || p || '@example.invalid',
            jsonb_build_object('supportPerson', false, 'guideDog', false, 'wheelchair', p % 17 = 0, 'signLanguage', p % 23 = 0,
                               'captions', p % 11 = 0, 'dietary', null, 'other', null),
            case when p <= e.capacity then 'REGISTERED' else 'WAITLISTED' end, p, null, 1, now(), now()
     from (select id, capacity, row_number() over (order by title) as n from events.event where venue = 'Synthetic venue') e
     cross join generate_series(1, ?) as p`,
    [size.registrationsPerEvent],
  );
}
