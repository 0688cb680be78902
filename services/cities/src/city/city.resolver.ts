import { assertNoNulls, BadUserInputError, findByIdOrFail, ForbiddenError } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, localize, Rule, snapshot } from '@hrc/domain-kit';
import { type Connection, ConnectionType, fromLocalizedTexts, LocalizedText, PageArgs, toConnection, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { City, Coordinates } from './city.entity';
import { CityFilter, CityOrder, CreateCityInput, UpdateCityInput, type CityProfileInput } from './city.inputs';

export const CityConnection = ConnectionType(City);

function applyProfile(city: City, input: CityProfileInput): void {
  assertNoNulls(input, ['name', 'nameTranslations', 'mechanisms', 'memberships']);
  if (input.name !== undefined) city.name = input.name;
  if (input.nameTranslations !== undefined) city.nameTranslations = fromLocalizedTexts(input.nameTranslations);
  if (input.population !== undefined) city.population = input.population;
  if (input.latitude !== undefined) city.latitude = input.latitude;
  if (input.longitude !== undefined) city.longitude = input.longitude;
  if (input.declaredOn !== undefined) city.declaredOn = input.declaredOn;
  if (input.declaredIn !== undefined) city.declaredIn = input.declaredIn;
  if (input.website !== undefined) city.website = input.website;
  if (input.mechanisms !== undefined) {
    city.mechanisms = input.mechanisms.map((mechanism) => ({
      kind: mechanism.kind,
      adoptedIn: mechanism.adoptedIn ?? null,
      adoptedOn: mechanism.adoptedOn ?? null,
      note: mechanism.note ?? null,
    }));
  }
  if (input.memberships !== undefined) {
    city.memberships = input.memberships.map((membership) => ({
      network: membership.network,
      joinedIn: membership.joinedIn ?? null,
    }));
  }
  if ((city.latitude === null) !== (city.longitude === null)) {
    throw new BadUserInputError('latitude', 'latitude and longitude must be given together');
  }
}

@Resolver(() => City)
export class CityResolver {
  @Query(() => City, { nullable: true, description: 'One city, by id or by slug' })
  async city(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<City | null> {
    if ((id === undefined || id === null) === (slug === undefined || slug === null)) {
      throw new BadUserInputError('id', 'give exactly one of id or slug');
    }
    return id ? ctx.loaders.cities.byId.load(id) : ctx.loaders.cities.bySlug.load(slug!);
  }

  @Query(() => CityConnection, { description: 'Human rights cities, filtered and paginated' })
  async cities(
    @Ctx() ctx: CitiesContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => CityFilter, { nullable: true }) filter?: CityFilter,
    @Arg('orderBy', () => CityOrder, { nullable: true }) orderBy?: CityOrder,
  ): Promise<Connection<City>> {
    const repository = ctx.em.getRepository(City);
    const page = await repository.listPage(filter, orderBy ?? new CityOrder(), first, after);
    // Later references to these cities (policy.city, organization.homeCity) then cost nothing.
    for (const { node } of page.edges) ctx.loaders.cities.byId.prime(node.id, node);
    return toConnection(page, () => repository.countMatching(filter));
  }

  @FieldResolver(() => String, { description: 'The name in the requested language (BCP 47), or the original' })
  name(@Root() city: City, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(city.name, city.nameTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  nameTranslations(@Root() city: City): LocalizedText[] {
    return toLocalizedTexts(city.nameTranslations);
  }

  @FieldResolver(() => Coordinates, { nullable: true })
  coordinates(@Root() city: City): Coordinates | null {
    if (city.latitude === null || city.longitude === null) return null;
    return { latitude: city.latitude, longitude: city.longitude };
  }

  @Mutation(() => City, { description: 'Adds a city to the network directory (secretariat only)' })
  async createCity(@Ctx() ctx: CitiesContext, @Arg('input', () => CreateCityInput) input: CreateCityInput): Promise<City> {
    assertAllowed(Rule.SECRETARIAT, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const city = em.create(City, { slug: input.slug, name: input.name, country: input.country, region: input.region });
      applyProfile(city, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'City', entityId: city.id, after: snapshot(city) });
      return city;
    });
  }

  @Mutation(() => City, {
    description: "Changes a city's profile: the secretariat, or a partner organisation based in that city",
  })
  async updateCity(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateCityInput) input: UpdateCityInput,
  ): Promise<City> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    if (!isSecretariat(ctx.identity)) {
      const organization = ctx.identity.organizationId
        ? await ctx.loaders.organizations.byId.load(ctx.identity.organizationId)
        : null;
      if (!organization || organization.homeCityId !== id) {
        throw new ForbiddenError("Only the secretariat or a partner based in this city may change the city's profile");
      }
    }
    return auditedWrite(ctx, async ({ em, audit }) => {
      const city = await findByIdOrFail(em, City, id);
      assertVersion('City', city, expectedVersion);
      const before = snapshot(city);
      applyProfile(city, input);
      await em.flush();
      audit({ action: 'UPDATE', entityType: 'City', entityId: city.id, before, after: snapshot(city) });
      return city;
    });
  }
}
