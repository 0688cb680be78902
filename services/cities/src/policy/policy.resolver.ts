import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';

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
  selectsTotalCount,
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
  policy(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID, { description: "The policy's id" }) id: string,
  ): Promise<Policy | null> {
    return ctx.loaders.policies.byId.load(id);
  }

  @Allow(Rule.PUBLIC)
  @Query(() => PolicyConnection, {
    nullable: true,
    description: 'Policies across the network, filtered, searched and paginated',
  })
  policies(
    @Ctx() ctx: CitiesContext,
    @Info() info: GraphQLResolveInfo,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => PolicyFilter, { nullable: true, description: 'Only policies matching every condition given' })
    filter?: PolicyFilter,
    @Arg('orderBy', () => PolicyOrder, {
      nullable: true,
      description: 'The order; when absent, best match first with filter.search, otherwise newest adoption first',
    })
    orderBy?: PolicyOrder,
  ): Promise<Connection<Policy>> {
    return listConnection(ctx.em.getRepository(Policy), ctx.identity, {
      filter,
      order: orderBy?.field,
      first,
      after,
      withTotal: selectsTotalCount(info),
    });
  }

  @FieldResolver(() => City, { description: 'The city the policy belongs to' })
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
    @Arg('input', () => CreatePolicyInput, { description: 'The new policy' }) input: CreatePolicyInput,
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
    @Arg('input', () => CreatePoliciesInput, {
      description: 'The new policies, how a failing row is handled, and an idempotency key',
    })
    input: CreatePoliciesInput,
  ): Promise<BulkPayload<Policy>> {
    return bulkPayload(await policyService.createPolicies(ctx, input.rows, input.mode), input.clientMutationId);
  }

  @Allow(Rule.OWNER)
  @Mutation(() => Policy, {
    description:
      "Changes a policy its organisation contributed. A partner's change to a PUBLISHED policy does not apply yet: it waits in " +
      'pendingChanges while the reviewed version stays public, until the secretariat approves (applies) or rejects (drops) it. ' +
      "A partner's change to a policy that is not published (SUBMITTED, REJECTED or WITHDRAWN) applies and returns it to review " +
      "as SUBMITTED. The secretariat's change applies at once and publishes it",
  })
  updatePolicy(
    @Ctx() ctx: CitiesContext,
    @Args() { id, expectedVersion }: RevisionArgs,
    @Arg('input', () => UpdatePolicyInput, {
      description: 'The fields to change: a field left out keeps its value, null clears an optional one',
    })
    input: UpdatePolicyInput,
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

export const CityPoliciesResolver = createParentPoliciesResolver(
  City,
  'city',
  "The city's policies the caller may read",
);
export const OrganizationPoliciesResolver = createParentPoliciesResolver(
  Organization,
  'organization',
  'Policies the organisation contributed that the caller may read',
);
