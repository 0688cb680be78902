import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { seedSyntheticCities } from '@hrc/cities';
import { organizationIdFromSlug } from '@hrc/domain-kit';
import { seedSyntheticEducation } from '@hrc/education';
import { seedSyntheticEvents } from '@hrc/events';
import { type SubgraphApp } from '@hrc/graph-kit';

import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { SUBGRAPHS } from './subgraphs';
import { SYNTHETIC_DATABASE, ensureDatabase, openSubgraph } from './synthetic-database';

/**
 * `npm run seed:synthetic -- [--cities 5000] [--policies-per-city 10] [--events 20000] [--registrations-per-event 5]`:
 * fills the separate `hub_synthetic` database with an obviously fake network for benchmarks, replacing any
 * earlier synthetic data. `npm run bench` reads it.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      cities: { type: 'string', default: '5000' },
      'policies-per-city': { type: 'string', default: '10' },
      events: { type: 'string', default: '20000' },
      'registrations-per-event': { type: 'string', default: '5' },
      'programs-per-city': { type: 'string', default: '2' },
    },
  });
  const numbers = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Number(value)]));
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  }
  const server = await openDatabaseServer(loadToolsConfig(), (line) => console.log(line));
  const apps: SubgraphApp[] = [];
  try {
    const url = await ensureDatabase(server.url, SYNTHETIC_DATABASE);
    for (const subgraph of SUBGRAPHS) apps.push(await openSubgraph(subgraph, url));
    const em = (name: string) => apps.find((app) => app.name === name)!.orm.em.fork();
    const time = async (label: string, work: () => Promise<unknown>) => {
      const started = Date.now();
      await work();
      console.log(`${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    };

    // Start from empty synthetic data so repeated runs give the sizes asked for.
    await em('cities').getConnection().execute(`delete from cities.city where slug like 'synthetic-city-%'`);
    await time(
      `cities: ${numbers.cities} synthetic cities, ${numbers.cities! * numbers['policies-per-city']!} policies`,
      () =>
        seedSyntheticCities(em('cities'), { cities: numbers.cities!, policiesPerCity: numbers['policies-per-city']! }),
    );
    const cityIds = (
      (await em('cities')
        .getConnection()
        .execute(`select id from cities.city where slug like 'synthetic-city-%' order by slug`)) as Array<{
        id: string;
      }>
    ).map((row) => row.id);
    // The real seed's organisations, by their stable ids; the education subgraph never reads cities' tables.
    const providerIds = [
      'gwangju-metropolitan-city',
      'gwangju-international-center',
      'raoul-wallenberg-institute',
      'etc-graz',
    ].map(organizationIdFromSlug);

    await em('events').getConnection().execute(`delete from events.event where title like 'Synthetic%'`);
    await time(
      `events: ${numbers.events} synthetic events, up to ${numbers.events! * numbers['registrations-per-event']!} registrations`,
      () =>
        seedSyntheticEvents(em('events'), {
          events: numbers.events!,
          registrationsPerEvent: numbers['registrations-per-event']!,
        }),
    );

    await em('education').getConnection().execute(`delete from education.program where title like 'Synthetic%'`);
    await time('education: synthetic programmes, cohorts and enrollments', async () => {
      const counts = await seedSyntheticEducation(em('education'), {
        cityIds: cityIds.slice(0, Math.min(cityIds.length, 1000)),
        providerIds,
        programsPerCity: numbers['programs-per-city']!,
        cohortsPerProgram: 3,
        maxEnrollmentsPerCohort: 30,
        firstYear: 2021,
        lastYear: 2024,
      });
      console.log(
        `education: ${counts.programs} programmes, ${counts.cohorts} cohorts, ${counts.enrollments} enrollments`,
      );
    });
    // Fresh planner statistics and visibility maps, so the benchmark measures the plans a settled database would use
    // (autovacuum would get there later): counts per parent read only their covering indexes.
    await em('cities').getConnection().execute('vacuum analyze');
    console.log(`all synthetic data is in the database ${SYNTHETIC_DATABASE}; the real seed is untouched`);
  } finally {
    for (const app of apps) await app.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
