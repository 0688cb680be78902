import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  BulkPayloadType,
  bulkPayload,
  type BulkPayload,
  type Connection,
  ConnectionType,
  createModerationResolver,
  createTranslatedFieldsResolver,
  listConnection,
  nestedListResolverFactory,
  PageArgs,
  RevisionArgs,
  Idempotent,
} from '@hrc/graph-kit';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Policy } from './policy.entity';
import { CreatePoliciesInput, CreatePolicyInput, PolicyFilter, PolicyOrder, UpdatePolicyInput } from './policy.inputs';
import * as policyService from './policy.service';

export const PolicyConnection = ConnectionType(Policy);
export const PolicyBulk = BulkPayloadType(Policy, 'Policy', 'CreatePoliciesPayload');
export const PolicyModerationResolver = createModerationResolver(Policy, 'Policy', auditedWrite);
export const PolicyTranslatedFieldsResolver = createTranslatedFieldsResolver(Policy, [
  { field: 'title' },
  { field: 'summary' },
]);

@Resolver(() => Policy)
export class PolicyResolver {
  @Allow(Rule.PUBLIC)
  @Query(() => Policy, {
    nullable: true,
    description: 'One policy; null when it does not exist or is not visible to you',
  })
  policy(@Ctx() ctx: CitiesContext, @Arg('id', () => ID) id: string): Promise<Policy | null> {
    return ctx.loaders.policies.byId.load(id);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => PolicyConnection, { description: 'Policies across the network, filtered, searched and paginated' })
  policies(
    @Ctx() ctx: CitiesContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => PolicyFilter, { nullable: true }) filter?: PolicyFilter,
    @Arg('orderBy', () => PolicyOrder, { nullable: true }) orderBy?: PolicyOrder,
  ): Promise<Connection<Policy>> {
    return listConnection(ctx.em.getRepository(Policy), ctx.identity, { filter, order: orderBy?.field, first, after });
  }

  @FieldResolver(() => City)
  async city(@Root() policy: Policy, @Ctx() ctx: CitiesContext): Promise<City> {
    return (await ctx.loaders.cities.byId.load(policy.cityId))!;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation that contributed the record' })
  contributor(@Root() policy: Policy, @Ctx() ctx: CitiesContext): Promise<Organization | null> | null {
    return policy.contributedBy ? ctx.loaders.organizations.byId.load(policy.contributedBy) : null;
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(Policy))
  @Mutation(() => Policy, {
    description: "Contributes a policy. A partner's is SUBMITTED for review; the secretariat's is PUBLISHED",
  })
  createPolicy(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => CreatePolicyInput) input: CreatePolicyInput,
  ): Promise<Policy> {
    return policyService.createPolicy(ctx, input);
  }

  @Allow(Rule.CONTRIBUTOR)
  @UseMiddleware(Idempotent(Policy))
  @Mutation(() => PolicyBulk.Payload, {
    description:
      'Contributes up to 200 policies in one call, with a result per row: CREATED or an ERROR naming the field. ' +
      'ALL_OR_NOTHING writes every row or none; ROW_BY_ROW writes the rows that pass',
  })
  async createPolicies(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => CreatePoliciesInput) input: CreatePoliciesInput,
  ): Promise<BulkPayload<Policy>> {
    return bulkPayload(await policyService.createPolicies(ctx, input.rows, input.mode), input.clientMutationId);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Policy, {
    description:
      "Changes a policy its organisation contributed. A partner's change to a record under review or rejected goes back to " +
      'review (SUBMITTED); its change to a PUBLISHED policy waits in pendingChanges while the reviewed version stays public',
  })
  updatePolicy(
    @Ctx() ctx: CitiesContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdatePolicyInput) input: UpdatePolicyInput,
  ): Promise<Policy> {
    return policyService.updatePolicy(ctx, id, expectedVersion, input);
  }
}

/**
 * `<Parent>.policies` for a parent type whose policies are batched by `parent` (`City.policies`: the city's;
 * `Organization.policies`: those the organisation contributed): one statement for every parent on the page.
 */
const createParentPoliciesResolver = nestedListResolverFactory({
  field: 'policies',
  connection: PolicyConnection,
  filter: PolicyFilter,
  orderBy: PolicyOrder,
  loaders: (ctx: CitiesContext) => ctx.loaders.policies,
});

export const CityPoliciesResolver = createParentPoliciesResolver(City, 'city');
export const OrganizationPoliciesResolver = createParentPoliciesResolver(Organization, 'organization');
