import path from 'node:path';

import type { SubgraphDefinition } from '@hrc/graph-kit';
import { citiesSubgraph } from '@hrc/cities';
import { educationSubgraph } from '@hrc/education';
import { eventsSubgraph } from '@hrc/events';

import { subgraphNamed } from '@hrc/registry';

import { REPOSITORY_ROOT } from './paths';

export interface RegisteredSubgraph {
  definition: SubgraphDefinition<any>;
  /** The port `npm start` runs it on, and the URL the committed supergraph names. */
  port: number;
  /** The compiled entry point `npm start` runs as its own process. */
  main: string;
  migrationsDir: string;
}

function register(definition: SubgraphDefinition<any>, port: number): RegisteredSubgraph {
  const serviceDir = path.join(REPOSITORY_ROOT, 'services', definition.name);
  return {
    definition,
    port,
    main: path.join(serviceDir, 'dist', 'src', 'main.js'),
    migrationsDir: path.join(serviceDir, 'migrations'),
  };
}

/** Every subgraph of the hub. Adding a subgraph means adding it here; the gateway reads the supergraph. */
export const SUBGRAPHS: RegisteredSubgraph[] = [
  register(citiesSubgraph, subgraphNamed('cities').port),
  register(eventsSubgraph, subgraphNamed('events').port),
  register(educationSubgraph, subgraphNamed('education').port),
];

/** 127.0.0.1 rather than localhost: Node may resolve localhost to ::1, where the services do not listen. */
export function subgraphUrl(subgraph: RegisteredSubgraph, host = '127.0.0.1'): string {
  return `http://${host}:${subgraph.port}/graphql`;
}
