import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLNamedType,
} from 'graphql';

import { composeSupergraph, printSubgraphs } from '../src/supergraph';

/*
 * Every type, field, argument and enum value a client sees has a description: it is the documentation GraphQL
 * tools show. The schema checked is the supergraph composed from the code, as the gateway serves it; federation's
 * own types (join__, link__) and GraphQL's built-ins are not the hub's to describe. Query and Mutation are described
 * by their fields (type-graphql declares the root types without a description).
 */

function isInternal(type: GraphQLNamedType): boolean {
  return /^(__|join__|link__)/.test(type.name) || isSpecifiedScalarType(type);
}

/** `Type`, `Type.field`, `Type.field(argument)` and `Enum.VALUE` of everything without a description. */
function undocumentedElements(supergraphSdl: string): string[] {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const missing: string[] = [];
  const rootTypes = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInternal(type)) continue;
    if (!type.description && !rootTypes.has(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const argument of 'args' in field ? field.args : []) {
          if (!argument.description) missing.push(`${type.name}.${field.name}(${argument.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing.sort();
}

test('every type, field, argument and enum value of the supergraph has a description', async () => {
  // Lists what needs a description: say what the code does (units, defaults, who may see it, what null means).
  expect(undocumentedElements(composeSupergraph(await printSubgraphs()))).toEqual([]);
});
