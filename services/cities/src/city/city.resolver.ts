import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  type Connection,
  ConnectionType,
  createTranslatedFieldsResolver,
  listConnection,
  loadByIdOrSlug,
  PageArgs,
  RevisionArgs,
  Idempotent,
  selectsTotalCount,
} from '@hrc/graph-kit';

import type { CitiesContext } from '../context';
import { City } from './city.entity';
import { CityFilter, CityOrder, CreateCityInput, UpdateCityInput } from './city.inputs';
import * as cityService from './city.service';
import { Coordinates } from './city.type';

export const CityConnection = ConnectionType(City);
export const CityTranslatedFieldsResolver = createTranslatedFieldsResolver(City, [{ field: 'name' }]);

@Resolver(() => City)
export class CityResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => City, { nullable: true, description: 'One city, by id or by slug' })
  city(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID, { nullable: true, description: "The city's id; give id or slug, not both" }) id?: string,
    @Arg('slug', () => String, {
      nullable: true,
      description: 'The city\'s slug, for example "gwangju"; give id or slug, not both',
    })
    slug?: string,
  ): Promise<City | null> {
    return loadByIdOrSlug(ctx.loaders.cities, id, slug);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => CityConnection, { nullable: true, description: 'Human rights cities, filtered and paginated' })
  async cities(
    @Ctx() ctx: CitiesContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => CityFilter, { nullable: true, description: 'Only cities matching every condition given' })
    filter?: CityFilter,
    @Arg('orderBy', () => CityOrder, { nullable: true, description: 'The order; by name, ascending, when absent' })
    orderBy?: CityOrder,
  ): Promise<Connection<City>> {
    const connection = await listConnection(ctx.em.getRepository(City), ctx.identity, {
      filter,
      order: orderBy,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
    // Later references to these cities (policy.city, organization.homeCity) then cost nothing.
    for (const { node } of connection.edges) ctx.loaders.cities.byId.prime(node.id, node);
    return connection;
  }

  @FieldResolver(() => Coordinates, { nullable: true, description: 'Approximate location; null when unknown' })
  coordinates(@Root() city: City): Coordinates | null {
    if (city.latitude === null || city.longitude === null) return null;
    return { latitude: city.latitude, longitude: city.longitude };
  }

  @Allow(Rule.SECRETARIAT)
  @UseMiddleware(Idempotent(City))
  @Mutation(() => City, { description: 'Adds a city to the network directory (secretariat only)' })
  createCity(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => CreateCityInput, { description: "The new city's profile" }) input: CreateCityInput,
  ): Promise<City> {
    return cityService.createCity(ctx, input);
  }

  @Allow(Rule.SECRETARIAT)
  @Mutation(() => City, {
    description:
      "Changes a city's public profile (secretariat only; a partner based in the city sends its changes to the " +
      'secretariat, since a profile edit would be published at once)',
  })
  updateCity(
    @Ctx() ctx: CitiesContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdateCityInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdateCityInput,
  ): Promise<City> {
    return cityService.updateCity(ctx, id, expectedVersion, input);
  }
}
