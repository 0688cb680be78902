import { Ctx, Directive, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';

import type { CitiesContext } from '../context';
import { Organization } from '../organization/organization.entity';

/**
 * The events subgraph's `EditionParticipation`, known here by its key. Events counts the registrations; only this
 * subgraph knows where the registering organisations are, so it adds their countries.
 */
@Directive('@key(fields: "year")')
@ObjectType()
export class EditionParticipation {
  @Field(() => Int)
  year!: number;

  @Directive('@external')
  @Field(() => [Organization])
  registeringOrganizations!: Array<{ id: string }>;
}

@Resolver(() => EditionParticipation)
export class EditionParticipationCountriesResolver {
  @Directive('@requires(fields: "registeringOrganizations { id }")')
  @FieldResolver(() => Int, {
    description: 'Distinct countries of the registering organisations (those with a country on record)',
  })
  async countries(@Root() participation: EditionParticipation, @Ctx() ctx: CitiesContext): Promise<number> {
    const organizations = await ctx.loaders.organizations.byId.loadMany(
      (participation.registeringOrganizations ?? []).map((organization) => organization.id),
    );
    const countries = new Set<string>();
    for (const organization of organizations) {
      if (organization instanceof Organization && organization.country) countries.add(organization.country);
    }
    return countries.size;
  }
}

export const editionParticipationReferenceResolvers = {
  EditionParticipation: {
    // The gateway sends the key and the required organisations: everything `countries` needs.
    __resolveReference(reference: EditionParticipation): EditionParticipation {
      return reference;
    },
  },
};
