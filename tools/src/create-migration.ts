import 'reflect-metadata';

import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';

import { subgraphDatabase } from '@hrc/graph-kit';
import { createOrmConfig } from '@hrc/service-kit';

import { loadToolsConfig } from './config';
import { openDatabaseServer } from './database-server';
import { SUBGRAPHS } from './subgraphs';

/**
 * `npm run migration:create -- <subgraph> [name]`: applies the committed migrations to a scratch database,
 * diffs the entities against it, writes the new migration and lists it in migrations/index.ts.
 */
async function main() {
  const [name, rawLabel] = process.argv.slice(2);
  // The label becomes part of a class name.
  const label = rawLabel?.replace(/[^A-Za-z0-9]+/g, '_');
  const subgraph = SUBGRAPHS.find((candidate) => candidate.name === name);
  if (!subgraph)
    throw new Error(`usage: npm run migration:create -- <${SUBGRAPHS.map((s) => s.name).join('|')}> [name]`);
  const server = await openDatabaseServer(loadToolsConfig(), (line) => console.log(line));
  const scratch = `hub_migration_${Date.now()}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database "${scratch}"`);
  const scratchUrl = Object.assign(new URL(server.url), { pathname: `/${scratch}` }).toString();
  const { definition } = subgraph;
  const orm = await MikroORM.init(
    createOrmConfig(
      subgraphDatabase(definition),
      { url: scratchUrl, replicaUrls: [], poolMax: 2 },
      subgraph.migrationsDir,
    ),
  );
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(subgraph.migrationsDir, false, false, label);
    if (!result.fileName) {
      console.log('no changes: the entities match the migrations');
      return;
    }
    console.log(`wrote ${path.join(subgraph.migrationsDir, result.fileName)}`);
    writeMigrationIndex(subgraph.migrationsDir);
  } finally {
    await orm.close();
    await admin.query(`drop database "${scratch}" with (force)`);
    await admin.end();
    await server.stop();
  }
}

function writeMigrationIndex(dir: string) {
  const files = readdirSync(dir)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .sort()
    .map((file) => file.replace(/\.ts$/, ''));
  const imports = files.map((file) => `import { ${className(file)} } from './${file}';`).join('\n');
  const list = files.map((file) => `  { name: '${file}', class: ${className(file)} },`).join('\n');
  writeFileSync(
    path.join(dir, 'index.ts'),
    `import type { MigrationObject } from '@mikro-orm/core';\n\n${imports}\n\n` +
      `/** Every migration, in order. Written by \`npm run migration:create\`; do not edit by hand. */\n` +
      `export const migrations: MigrationObject[] = [\n${list}\n];\n`,
  );
}

function className(file: string): string {
  return file.replace(/[^A-Za-z0-9_]/g, '_');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
