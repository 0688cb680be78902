import path from 'node:path';

import type { SubgraphDefinition } from '@hrc/graph-kit';
import { SUBGRAPHS as REGISTRY, subgraphUrl as registryUrl, type SubgraphEntry } from '@hrc/registry';

import { REPOSITORY_ROOT } from './paths';

export interface RegisteredSubgraph {
  /** Its name in the registry: its package `@hrc/<name>`, its folder services/<name> and its PostgreSQL schema. */
  name: string;
  entry: SubgraphEntry;
  /** The port `npm start` runs it on, and the URL the committed supergraph names. */
  port: number;
  /** The compiled entry point `npm start` and the container run as its own process. */
  main: string;
  migrationsDir: string;
  /** Its schema, resolvers and database, loaded from its package on first use (the launcher never needs it). */
  readonly definition: SubgraphDefinition<any>;
}

/** The package a registry row names. Its entry point (src/app.ts) exports the definition as `subgraph`. */
export function subgraphPackage(name: string): string {
  return `@hrc/${name}`;
}

function loadDefinition(entry: SubgraphEntry): SubgraphDefinition<any> {
  const packageName = subgraphPackage(entry.name);
  // Loaded by name, so that adding a subgraph takes its package and one registry row, and no import here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a package named by the registry, not known at build time
  const exported = require(packageName) as { subgraph?: SubgraphDefinition<any> };
  if (!exported.subgraph) {
    throw new Error(
      `${packageName} (services/${entry.name}/src/app.ts) must export its definition: \`export { … as subgraph };\``,
    );
  }
  if (exported.subgraph.name !== entry.name) {
    throw new Error(
      `${packageName} exports a subgraph named "${exported.subgraph.name}"; the registry calls it "${entry.name}"`,
    );
  }
  return exported.subgraph;
}

function register(entry: SubgraphEntry): RegisteredSubgraph {
  const serviceDir = path.join(REPOSITORY_ROOT, 'services', entry.name);
  let definition: SubgraphDefinition<any> | undefined;
  return {
    name: entry.name,
    entry,
    port: entry.port,
    main: path.join(serviceDir, 'dist', 'src', 'main.js'),
    migrationsDir: path.join(serviceDir, 'migrations'),
    get definition() {
      definition ??= loadDefinition(entry);
      return definition;
    },
  };
}

/** Every subgraph of the hub, in registry order (services/registry); adding one means adding its row there. */
export const SUBGRAPHS: readonly RegisteredSubgraph[] = REGISTRY.map(register);

export function registeredSubgraph(name: string): RegisteredSubgraph {
  const subgraph = SUBGRAPHS.find((candidate) => candidate.name === name);
  if (!subgraph)
    throw new Error(`No subgraph named "${name}" in the registry (${SUBGRAPHS.map((s) => s.name).join(', ')})`);
  return subgraph;
}

/** 127.0.0.1 rather than localhost: Node may resolve localhost to ::1, where the services do not listen. */
export function subgraphUrl(subgraph: RegisteredSubgraph, host = '127.0.0.1'): string {
  return registryUrl(subgraph.entry, subgraph.port, host);
}
