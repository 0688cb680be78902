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
  PrivateTo,
  RevisionArgs,
  Idempotent,
  selectsTotalCount,
} from '@hrc/graph-kit';

import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from './organization.entity';
import { CreateOrganizationInput, OrganizationFilter, UpdateOrganizationInput } from './organization.inputs';
import * as organizationService from './organization.service';

export const OrganizationConnection = ConnectionType(Organization);
export const OrganizationTranslatedFieldsResolver = createTranslatedFieldsResolver(Organization, [{ field: 'name' }]);

/** Nobody owns a contact email: the SECRETARIAT rule admits the secretariat by its role alone. */
const NO_OWNERS = () => [];

@Resolver(() => Organization)
export class OrganizationResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => Organization, { nullable: true, description: 'One organisation, by id or by slug' })
  organization(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID, { nullable: true, description: "The organisation's id; give id or slug, not both" })
    id?: string,
    @Arg('slug', () => String, {
      nullable: true,
      description: 'The organisation\'s slug, for example "gwangju-metropolitan-city"; give id or slug, not both',
    })
    slug?: string,
  ): Promise<Organization | null> {
    return loadByIdOrSlug(ctx.loaders.organizations, id, slug);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => OrganizationConnection, { nullable: true, description: 'Partner organisations, by name' })
  organizations(
    @Ctx() ctx: CitiesContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => OrganizationFilter, {
      nullable: true,
      description: 'Only organisations matching every condition given',
    })
    filter?: OrganizationFilter,
  ): Promise<Connection<Organization>> {
    return listConnection(ctx.em.getRepository(Organization), ctx.identity, {
      filter,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }

  @FieldResolver(() => City, {
    nullable: true,
    description: 'The city the organisation is based in; null when none (a UN agency, a network)',
  })
  homeCity(@Root() organization: Organization, @Ctx() ctx: CitiesContext): Promise<City | null> | null {
    return organization.homeCityId ? ctx.loaders.cities.byId.load(organization.homeCityId) : null;
  }

  @PrivateTo(Rule.SECRETARIAT, NO_OWNERS)
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Visible to the secretariat only; null for everyone else',
  })
  contactEmail(@Root() organization: Organization): string | null {
    return organization.contactEmail;
  }

  @Allow(Rule.SECRETARIAT)
  @UseMiddleware(Idempotent(Organization))
  @Mutation(() => Organization, { description: 'Registers a partner organisation (secretariat only)' })
  createOrganization(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => CreateOrganizationInput, { description: 'The new organisation' })
    input: CreateOrganizationInput,
  ): Promise<Organization> {
    return organizationService.createOrganization(ctx, input);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Organization, {
    description: "Changes an organisation's profile: its own partners or the secretariat",
  })
  updateOrganization(
    @Ctx() ctx: CitiesContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdateOrganizationInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdateOrganizationInput,
  ): Promise<Organization> {
    return organizationService.updateOrganization(ctx, id, expectedVersion, input);
  }
}
