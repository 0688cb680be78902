import { readFileSync } from 'node:fs';
import path from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';

import { createTestDatabase } from '@hrc/dev-kit/testing';
import { subgraphDatabase } from '@hrc/graph-kit';
import { createOrmConfig } from '@hrc/service-kit';

import { SCHEMA_DIR, SUPERGRAPH_PATH } from '../src/paths';
import { SUBGRAPHS } from '../src/subgraphs';
import { composeSupergraph, printSubgraphs } from '../src/supergraph';

describe('committed schema files', () => {
  test('each subgraph SDL and the supergraph match what the code produces (run `npm run schema` if not)', async () => {
    const subgraphs = await printSubgraphs();
    for (const { name, sdl } of subgraphs) {
      expect(`${sdl}\n`).toBe(readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
    }
    expect(composeSupergraph(subgraphs)).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });
});

describe('committed migrations', () => {
  test.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
    '%s: applying every migration yields exactly the schema its entities describe',
    async (_name, subgraph) => {
      const database = await createTestDatabase(`migrations_${subgraph.name}`);
      const orm = await MikroORM.init(
        createOrmConfig(subgraphDatabase(subgraph.definition), { url: database.url, replicaUrls: [], poolMax: 2 }),
      );
      try {
        await orm.getMigrator().up();
        const pending = await orm
          .getSchemaGenerator()
          .getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
        expect(pending.trim()).toBe('');
      } finally {
        await orm.close();
        await database.drop();
      }
    },
  );
});
