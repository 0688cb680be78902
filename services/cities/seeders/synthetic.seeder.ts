import type { EntityManager } from '@mikro-orm/postgresql';

export interface SyntheticCitiesSize {
  cities: number;
  policiesPerCity: number;
}

/**
 * A large, obviously fake network for benchmarks: "Synthetic City 00042", summaries that say SYNTHETIC.
 * Set-based SQL so tens of thousands of rows load in seconds; never mixed into the real seed.
 */
export async function seedSyntheticCities(em: EntityManager, size: SyntheticCitiesSize): Promise<void> {
  const connection = em.getConnection();
  await connection.execute(
    `insert into cities.city (id, slug, name, name_translations, country, region, population, declared_in, mechanisms, memberships, version, created_at, updated_at)
     select gen_random_uuid(),
            'synthetic-city-' || lpad(g::text, 6, '0'),
            'Synthetic City ' || lpad(g::text, 6, '0'),
            '{}'::jsonb,
            (array['KR','AT','CA','NL','SE','GB','AR','ES','FR','MX','KE','BR','JP','IN','AU'])[1 + g % 15],
            (array['ASIA','EUROPE','AMERICAS','EUROPE','EUROPE','EUROPE','AMERICAS','EUROPE','EUROPE','AMERICAS','AFRICA','AMERICAS','ASIA','ASIA','OCEANIA'])[1 + g % 15],
            10000 + (g * 7919) % 5000000,
            1995 + g % 30,
            jsonb_build_array(jsonb_build_object('kind', (array['ORDINANCE','CHARTER','HUMAN_RIGHTS_OFFICE','COMMISSION_OR_COUNCIL','OMBUDSPERSON','ACTION_PLAN','INDICATORS','IMPACT_ASSESSMENT','EDUCATION_CENTRE'])[1 + g % 9],
                                                 'adoptedIn', 2000 + g % 24, 'adoptedOn', null, 'note', 'synthetic')),
            '[]'::jsonb, 1, now(), now()
     from generate_series(1, ?) as g`,
    [size.cities],
  );
  await connection.execute(
    `insert into cities.policy (id, status, contributed_by, version, created_at, updated_at, city_id, title, title_translations, summary,
                                summary_translations, themes, sdgs, adopted_in, stage, search_vector, is_sample_data,
                                sdg_targets, un_recommendations)
     select gen_random_uuid(), 'PUBLISHED', null, 1, now(), now(), c.id, t.title, '{}'::jsonb, t.summary, '{}'::jsonb,
            array[t.theme], array[(1 + (c.n + p) % 17)::smallint], 1995 + (c.n + p) % 30,
            (array['PROPOSED','ADOPTED','IMPLEMENTED','EVALUATED'])[1 + (c.n + p) % 4],
            setweight(to_tsvector('simple', t.title), 'A') || setweight(to_tsvector('simple', t.summary), 'B'),
            true, '{}', '[]'::jsonb
     from (select id, row_number() over (order by slug) as n from cities.city where slug like 'synthetic-city-%') c
     cross join generate_series(1, ?) as p
     cross join lateral (
       select (array['HOUSING','MIGRANTS_AND_REFUGEES','DISABILITY','GENDER_EQUALITY','CHILDREN_AND_YOUTH','OLDER_PERSONS','EDUCATION','PARTICIPATION','ENVIRONMENT_AND_CLIMATE','ANTI_DISCRIMINATION'])[1 + (c.n + p) % 10] as theme
     ) th
     cross join lateral (
       select th.theme,
              'Synthetic ' || lower(replace(th.theme, '_', ' ')) || ' policy ' || p || ' of city ' || c.n as title,
              'SYNTHETIC BENCHMARK DATA about ' || lower(replace(th.theme, '_', ' ')) || ' and local human rights practice.' as summary
     ) t`,
    [size.policiesPerCity],
  );
}
