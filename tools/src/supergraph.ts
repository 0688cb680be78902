import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

import { buildSubgraphSchemaOf } from '@hrc/graph-kit';

import { SUBGRAPHS, subgraphUrl, type RegisteredSubgraph } from './subgraphs';

export interface SubgraphSdl {
  name: string;
  sdl: string;
  url: string;
}

/** Each subgraph's SDL as the gateway sees it, with the URL it runs on. */
export async function printSubgraphs(
  urlOf: (subgraph: RegisteredSubgraph) => string = (subgraph) => subgraphUrl(subgraph),
  subgraphs: readonly RegisteredSubgraph[] = SUBGRAPHS,
): Promise<SubgraphSdl[]> {
  return Promise.all(
    subgraphs.map(async (subgraph) => ({
      name: subgraph.name,
      sdl: printSubgraphSchema(await buildSubgraphSchemaOf(subgraph.definition)),
      url: urlOf(subgraph),
    })),
  );
}

/** Composes the supergraph with @apollo/composition; any composition error is thrown, listing every hint. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map(({ name, sdl, url }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
