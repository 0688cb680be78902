import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { defaultPortOf, GATEWAY_PORT, SUBGRAPHS as REGISTRY } from '@hrc/registry';

import { REPOSITORY_ROOT } from '../src/paths';
import { SUBGRAPHS, subgraphPackage } from '../src/subgraphs';

/*
 * The README's "Adding a subgraph" steps, enforced: the registry row is the one list of subgraphs, and what cannot read
 * it (tsc -b has no globs, npm workspaces are listed) must name each of its subgraphs.
 */

const readJson = (file: string) => JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8'));
const rootPackage = readJson('package.json') as { workspaces: string[] };
const rootTsconfig = readJson('tsconfig.json') as { references: Array<{ path: string }> };
const normalise = (folder: string) => path.posix.normalize(folder.replace(/^\.\//, '')).replace(/\/$/, '');

test('every registry subgraph is a workspace and a reference of the root tsconfig.json', () => {
  const workspaces = rootPackage.workspaces.map(normalise);
  const references = rootTsconfig.references.map((reference) => normalise(reference.path));
  const problems = REGISTRY.flatMap(({ name }) => {
    const folder = `services/${name}`;
    return [
      ...(workspaces.includes(folder)
        ? []
        : [`"${folder}" is missing from package.json "workspaces" (add it, then npm install)`]),
      ...(references.includes(folder)
        ? []
        : [
            `{ "path": "${folder}" } is missing from tsconfig.json "references" (tsc -b has no globs, so it would never build)`,
          ]),
    ];
  });
  expect(problems).toEqual([]);
});

test('every registry subgraph has the standard package shape', () => {
  const problems = REGISTRY.flatMap(({ name }) => {
    const folder = path.join(REPOSITORY_ROOT, 'services', name);
    const manifest = path.join(folder, 'package.json');
    if (!existsSync(manifest)) return [`services/${name}/package.json does not exist`];
    const { name: packageName, main } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; main?: string };
    return [
      ...(packageName === subgraphPackage(name)
        ? []
        : [`services/${name}/package.json is named "${packageName}", not "${subgraphPackage(name)}"`]),
      ...(main === 'dist/src/app.js'
        ? []
        : [`services/${name}/package.json "main" is "${main}", not "dist/src/app.js"`]),
      ...['src/app.ts', 'src/main.ts', 'src/config.ts', 'migrations/index.ts', 'tsconfig.json']
        .filter((file) => !existsSync(path.join(folder, file)))
        .map((file) => `services/${name}/${file} does not exist`),
    ];
  });
  expect(problems).toEqual([]);
});

test('every subgraph package under services/ is in the registry', () => {
  const registered = REGISTRY.map(({ name }) => name);
  const unregistered = readdirSync(path.join(REPOSITORY_ROOT, 'services'))
    .filter((folder) => existsSync(path.join(REPOSITORY_ROOT, 'services', folder, 'src', 'app.ts')))
    .filter((folder) => !registered.includes(folder));
  expect(unregistered.map((folder) => `services/${folder} has src/app.ts but no row in services/registry`)).toEqual([]);
});

test("each subgraph's package exports its definition as `subgraph`, named as in the registry", () => {
  for (const subgraph of SUBGRAPHS) expect(subgraph.definition.name).toBe(subgraph.name);
});

test('names and ports are unique, and the images fall back to the registry ports', () => {
  const names = REGISTRY.map(({ name }) => name);
  const ports = [GATEWAY_PORT, ...REGISTRY.map(({ port }) => port)];
  expect(new Set(names).size).toBe(names.length);
  expect(new Set(ports).size).toBe(ports.length);
  // A name is also a PostgreSQL schema and, upper-cased, the gateway's <NAME>_SUBGRAPH_URL: letters and digits only.
  for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*$/);
  expect(defaultPortOf('gateway')).toBe(GATEWAY_PORT);
  for (const { name, port } of REGISTRY) expect(defaultPortOf(name)).toBe(port);
});
