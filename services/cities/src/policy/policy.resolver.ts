import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';

import { Rule } from '@hrc/domain-kit';
import {
  Allow,
  type Connection,
  ConnectionType,
  createModerationResolver,
  createTranslatedFieldsResolver,
  listConnection,
  nestedListResolverFactory,
  PageArgs,
  RevisionArgs,
} from '@hrc/graph-kit';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Policy } from './policy.entity';
import { CreatePolicyInput, PolicyFilter, PolicyOrder, UpdatePolicyInput } from './policy.inputs';
import * as policyService from './policy.service';

export const PolicyConnection = ConnectionType(Policy);
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
  @Query(() => PolicyConnection, {
    nullable: true,
    description: 'Policies across the network, filtered, searched and paginated',
  })
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
  @Mutation(() => Policy, {
    description: "Contributes a policy. A partner's is SUBMITTED for review; the secretariat's is PUBLISHED",
  })
  createPolicy(
    @Ctx() ctx: CitiesContext,
    @Arg('input', () => CreatePolicyInput) input: CreatePolicyInput,
  ): Promise<Policy> {
    return policyService.createPolicy(ctx, input);
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
