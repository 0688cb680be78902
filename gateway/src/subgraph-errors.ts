import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

import { ErrorCode } from '@hrc/service-kit';

function stringArgument(value: ValueNode | undefined): string | undefined {
  return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM) ? value.value : undefined;
}

/** Which subgraph serves each root field (`Query.programs` → `education`), from the supergraph's join directives. */
export function rootFieldOwners(supergraphSdl: string): Map<string, string> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((candidate) => candidate.name.value === 'join__graph');
      const name = stringArgument(directive?.arguments?.find((argument) => argument.name.value === 'name')?.value);
      if (name) graphNames.set(value.name.value, name);
    }
  }
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    if (definition.name.value !== 'Query' && definition.name.value !== 'Mutation') continue;
    const typeGraphs = (definition.directives ?? [])
      .filter((directive) => directive.name.value === 'join__type')
      .map((directive) => stringArgument(directive.arguments?.find((a) => a.name.value === 'graph')?.value));
    for (const field of definition.fields ?? []) {
      const fieldGraph = stringArgument(
        field.directives
          ?.find((directive) => directive.name.value === 'join__field')
          ?.arguments?.find((argument) => argument.name.value === 'graph')?.value,
      );
      const graph = fieldGraph ?? (typeGraphs.length === 1 ? typeGraphs[0] : undefined);
      const owner = graph ? graphNames.get(graph) : undefined;
      if (owner) owners.set(`${definition.name.value}.${field.name.value}`, owner);
    }
  }
  return owners;
}

interface RootField {
  name: string;
  responseKey: string;
}

function rootFieldsOf(selectionSet: SelectionSetNode, document: DocumentNode): RootField[] {
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const collect = (set: SelectionSetNode, seen: Set<string>): RootField[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) {
        return [{ name: selection.name.value, responseKey: selection.alias?.value ?? selection.name.value }];
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return collect(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return [];
      return collect(fragment.selectionSet, new Set([...seen, fragment.name.value]));
    });
  return collect(selectionSet, new Set());
}

/**
 * The gateway reports a subgraph that could not answer once, with no path. A client needs to know which fields of
 * its answer are missing and why, so the error is given the path of each root field that subgraph serves and that
 * came back null. (A failed fetch below the root keeps the error without a path.)
 */
export function subgraphErrorPathsPlugin<TContext extends BaseContext>(
  owners: () => Map<string, string>,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation, document }) {
          if (response.body.kind !== 'single' || !operation || !document) return;
          const result = response.body.singleResult;
          if (!result.errors?.some((error) => error.extensions?.code === ErrorCode.SUBGRAPH_UNAVAILABLE)) return;
          const rootType = operation.operation === 'mutation' ? 'Mutation' : 'Query';
          const fields = rootFieldsOf(operation.selectionSet, document);
          const data = (result.data ?? {}) as Record<string, unknown>;
          const placed = new Set<string>();
          result.errors = result.errors.flatMap((error): GraphQLFormattedError[] => {
            if (error.extensions?.code !== ErrorCode.SUBGRAPH_UNAVAILABLE || error.path) return [error];
            const keys = fields
              .filter((field) => owners().get(`${rootType}.${field.name}`) === error.extensions?.serviceName)
              .map((field) => field.responseKey)
              .filter((key) => data[key] === null || data[key] === undefined)
              .filter((key) => !placed.has(key) && placed.add(key));
            if (keys.length === 0) return [error];
            return keys.map((key) => ({ ...error, path: [key] }));
          });
        },
      };
    },
  };
}
