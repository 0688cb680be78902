import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { seedSyntheticCities } from '@hrc/cities';

import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { SUBGRAPHS } from './subgraphs';
import { SYNTHETIC_DATABASE, ensureDatabase, openSubgraph } from './synthetic-database';

/**
 * `npm run seed:synthetic -- [--cities 5000] [--policies-per-city 10]`: fills the separate `hub_synthetic`
 * database with an obviously fake network for benchmarks. Run it once; `npm run bench` reads it.
 */
async function main() {
  const { values } = parseArgs({
    options: { cities: { type: 'string', default: '5000' }, 'policies-per-city': { type: 'string', default: '10' } },
  });
  const size = { cities: Number(values.cities), policiesPerCity: Number(values['policies-per-city']) };
  if (!Number.isInteger(size.cities) || size.cities < 1 || !Number.isInteger(size.policiesPerCity) || size.policiesPerCity < 0) {
    throw new Error('--cities and --policies-per-city must be whole numbers');
  }
  const server = await openDatabaseServer(loadToolsConfig(), (line) => console.log(line));
  try {
    const url = await ensureDatabase(server.url, SYNTHETIC_DATABASE);
    const cities = await openSubgraph(SUBGRAPHS.find((subgraph) => subgraph.definition.name === 'cities')!, url);
    try {
      const em = cities.orm.em.fork();
      await em.getConnection().execute(`delete from cities.city where slug like 'synthetic-city-%'`);
      const started = Date.now();
      await seedSyntheticCities(em, size);
      console.log(
        `synthetic data in database ${SYNTHETIC_DATABASE}: ${size.cities} cities, ${size.cities * size.policiesPerCity} policies ` +
          `(${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
    } finally {
      await cities.close();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
