import { assertNoNulls, BadUserInputError, findByIdOrFail } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, localize, Rule, snapshot } from '@hrc/domain-kit';
import { type Connection, ConnectionType, fromLocalizedTexts, LocalizedText, PageArgs, toConnection, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from './organization.entity';
import {
  CreateOrganizationInput,
  OrganizationFilter,
  UpdateOrganizationInput,
  type OrganizationProfileInput,
} from './organization.inputs';

export const OrganizationConnection = ConnectionType(Organization);

async function applyProfile(ctx: CitiesContext, organization: Organization, input: OrganizationProfileInput) {
  assertNoNulls(input, ['name', 'nameTranslations', 'kind', 'country']);
  if (input.homeCityId) {
    const city = await ctx.loaders.cities.byId.load(input.homeCityId);
    if (!city) throw new BadUserInputError('homeCityId', 'no city has this id');
  }
  if (input.name !== undefined) organization.name = input.name;
  if (input.nameTranslations !== undefined) organization.nameTranslations = fromLocalizedTexts(input.nameTranslations);
  if (input.kind !== undefined) organization.kind = input.kind;
  if (input.homeCityId !== undefined) organization.homeCityId = input.homeCityId;
  if (input.country !== undefined) organization.country = input.country;
  if (input.website !== undefined) organization.website = input.website;
  if (input.contactEmail !== undefined) organization.contactEmail = input.contactEmail;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organisation, by id or by slug' })
  organization(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('slug', () => String, { nullable: true }) slug?: string,
  ): Promise<Organization | null> {
    if ((id === undefined || id === null) === (slug === undefined || slug === null)) {
      throw new BadUserInputError('id', 'give exactly one of id or slug');
    }
    return id ? ctx.loaders.organizations.byId.load(id) : ctx.loaders.organizations.bySlug.load(slug!);
  }

  @Query(() => OrganizationConnection, { description: 'Partner organisations, by name' })
  async organizations(
    @Ctx() ctx: CitiesContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter?: OrganizationFilter,
  ): Promise<Connection<Organization>> {
    const repository = ctx.em.getRepository(Organization);
    const page = await repository.listPage(filter, first, after);
    return toConnection(page, () => repository.countMatching(filter));
  }

  @FieldResolver(() => String)
  name(@Root() organization: Organization, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(organization.name, organization.nameTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  nameTranslations(@Root() organization: Organization): LocalizedText[] {
    return toLocalizedTexts(organization.nameTranslations);
  }

  @FieldResolver(() => City, { nullable: true })
  homeCity(@Root() organization: Organization, @Ctx() ctx: CitiesContext): Promise<City | null> | null {
    return organization.homeCityId ? ctx.loaders.cities.byId.load(organization.homeCityId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible to the secretariat only; null for everyone else' })
  contactEmail(@Root() organization: Organization, @Ctx() ctx: CitiesContext): string | null {
    return isSecretariat(ctx.identity) ? organization.contactEmail : null;
  }

  @Mutation(() => Organization, { description: 'Registers a partner organisation (secretariat only)' })
  async createOrganization(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
  ): Promise<Organization> {
    assertAllowed(Rule.SECRETARIAT, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const organization = em.create(Organization, {
        slug: input.slug,
        name: input.name,
        kind: input.kind,
        country: input.country,
      });
      await applyProfile(ctx, organization, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Organization', entityId: organization.id, after: snapshot(organization) });
      return organization;
    });
  }

  @Mutation(() => Organization, { description: "Changes an organisation's profile: its own partners or the secretariat" })
  async updateOrganization(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdateOrganizationInput) input: UpdateOrganizationInput,
  ): Promise<Organization> {
    assertAllowed(Rule.OWNER, ctx.identity, [id]);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const organization = await findByIdOrFail(em, Organization, id);
      assertVersion('Organization', organization, expectedVersion);
      const before = snapshot(organization);
      await applyProfile(ctx, organization, input);
      await em.flush();
      audit({ action: 'UPDATE', entityType: 'Organization', entityId: id, before, after: snapshot(organization) });
      return organization;
    });
  }
}
