import { assertNoNulls, BadUserInputError, findByIdOrFail } from '@hrc/service-kit';
import { assertAllowed, assertVersion, isSecretariat, localize, reviseContribution, Rule, snapshot, statusForWriteBy } from '@hrc/domain-kit';
import { type Connection, ConnectionType, createModerationResolver, fromLocalizedTexts, LocalizedText, PageArgs, toConnection, toLocalizedTexts } from '@hrc/graph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import { auditedWrite } from '../audit-catalogue';
import { City } from '../city/city.entity';
import type { CitiesContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Policy } from './policy.entity';
import { CreatePolicyInput, PolicyFilter, PolicyOrder, UpdatePolicyInput, type PolicyContentInput } from './policy.inputs';

export const PolicyConnection = ConnectionType(Policy);
export const PolicyModerationResolver = createModerationResolver(Policy, 'Policy', auditedWrite);

function applyContent(policy: Policy, input: PolicyContentInput): void {
  assertNoNulls(input, ['title', 'titleTranslations', 'summary', 'summaryTranslations', 'themes', 'sdgs', 'stage']);
  if (input.title !== undefined) policy.title = input.title;
  if (input.titleTranslations !== undefined) policy.titleTranslations = fromLocalizedTexts(input.titleTranslations);
  if (input.summary !== undefined) policy.summary = input.summary;
  if (input.summaryTranslations !== undefined) policy.summaryTranslations = fromLocalizedTexts(input.summaryTranslations);
  if (input.themes !== undefined) policy.themes = input.themes;
  if (input.sdgs !== undefined) policy.sdgs = [...input.sdgs].sort((a, b) => a - b);
  if (input.adoptedOn !== undefined) policy.adoptedOn = input.adoptedOn;
  if (input.adoptedIn !== undefined) policy.adoptedIn = input.adoptedIn;
  if (input.stage !== undefined) policy.stage = input.stage;
  if (input.sourceUrl !== undefined) policy.sourceUrl = input.sourceUrl;
  if (policy.adoptedOn && policy.adoptedIn && Number(policy.adoptedOn.slice(0, 4)) !== policy.adoptedIn) {
    throw new BadUserInputError('adoptedIn', 'must be the year of adoptedOn');
  }
}

@Resolver(() => Policy)
export class PolicyResolver {
  @Query(() => Policy, { nullable: true, description: 'One policy; null when it does not exist or is not visible to you' })
  policy(@Ctx() ctx: CitiesContext, @Arg('id', () => ID) id: string): Promise<Policy | null> {
    return ctx.loaders.policies.byId.load(id);
  }

  @Query(() => PolicyConnection, { description: 'Policies across the network, filtered, searched and paginated' })
  async policies(
    @Ctx() ctx: CitiesContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => PolicyFilter, { nullable: true }) filter?: PolicyFilter,
    @Arg('orderBy', () => PolicyOrder, { nullable: true }) orderBy?: PolicyOrder,
  ): Promise<Connection<Policy>> {
    const repository = ctx.em.getRepository(Policy);
    const page = await repository.listPage(ctx.identity, { filter, order: orderBy?.field, first, after });
    return toConnection(page, () => repository.countMatching(ctx.identity, filter));
  }

  @FieldResolver(() => String)
  title(@Root() policy: Policy, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(policy.title, policy.titleTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  titleTranslations(@Root() policy: Policy): LocalizedText[] {
    return toLocalizedTexts(policy.titleTranslations);
  }

  @FieldResolver(() => String)
  summary(@Root() policy: Policy, @Arg('lang', () => String, { nullable: true }) lang?: string): string {
    return localize(policy.summary, policy.summaryTranslations, lang);
  }

  @FieldResolver(() => [LocalizedText])
  summaryTranslations(@Root() policy: Policy): LocalizedText[] {
    return toLocalizedTexts(policy.summaryTranslations);
  }

  @FieldResolver(() => City)
  async city(@Root() policy: Policy, @Ctx() ctx: CitiesContext): Promise<City> {
    return (await ctx.loaders.cities.byId.load(policy.cityId))!;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation that contributed the record' })
  contributor(@Root() policy: Policy, @Ctx() ctx: CitiesContext): Promise<Organization | null> | null {
    return policy.contributedBy ? ctx.loaders.organizations.byId.load(policy.contributedBy) : null;
  }

  @Mutation(() => Policy, {
    description: 'Contributes a policy. A partner\'s is SUBMITTED for review; the secretariat\'s is PUBLISHED',
  })
  async createPolicy(@Ctx() ctx: CitiesContext, @Arg('input', () => CreatePolicyInput) input: CreatePolicyInput): Promise<Policy> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    const contributedBy = isSecretariat(ctx.identity) ? (input.organizationId ?? null) : ctx.identity.organizationId;
    if (!isSecretariat(ctx.identity)) assertAllowed(Rule.OWNER, ctx.identity, [input.organizationId ?? contributedBy]);
    if (!(await ctx.loaders.cities.byId.load(input.cityId))) throw new BadUserInputError('cityId', 'no city has this id');
    if (contributedBy && !(await ctx.loaders.organizations.byId.load(contributedBy))) {
      throw new BadUserInputError('organizationId', 'no organisation has this id');
    }
    return auditedWrite(ctx, async ({ em, audit }) => {
      const policy = em.create(Policy, {
        cityId: input.cityId,
        title: input.title,
        summary: input.summary,
        contributedBy,
        status: statusForWriteBy(ctx.identity),
      });
      applyContent(policy, input);
      await em.flush();
      audit({ action: 'CREATE', entityType: 'Policy', entityId: policy.id, after: snapshot(policy) });
      return policy;
    });
  }

  @Mutation(() => Policy, {
    description: 'Changes a policy its organisation contributed. A partner\'s change goes back to review (SUBMITTED)',
  })
  async updatePolicy(
    @Ctx() ctx: CitiesContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => UpdatePolicyInput) input: UpdatePolicyInput,
  ): Promise<Policy> {
    assertAllowed(Rule.CONTRIBUTOR, ctx.identity);
    return auditedWrite(ctx, async ({ em, audit }) => {
      const policy = await findByIdOrFail(em, Policy, id);
      assertAllowed(Rule.OWNER, ctx.identity, [policy.contributedBy]);
      assertVersion('Policy', policy, expectedVersion);
      const before = snapshot(policy);
      const action = await reviseContribution(policy, ctx.identity, () => applyContent(policy, input));
      await em.flush();
      audit({ action, entityType: 'Policy', entityId: id, before, after: snapshot(policy) });
      return policy;
    });
  }
}

/** `City.policies`: one batched statement for every city on the page. */
@Resolver(() => City)
export class CityPoliciesResolver {
  @FieldResolver(() => PolicyConnection)
  async policies(
    @Root() city: City,
    @Ctx() ctx: CitiesContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => PolicyFilter, { nullable: true }) filter?: PolicyFilter,
    @Arg('orderBy', () => PolicyOrder, { nullable: true }) orderBy?: PolicyOrder,
  ): Promise<Connection<Policy>> {
    const query = { filter, order: orderBy?.field, first, after };
    const page = await ctx.loaders.policies.pageOf('city', query).load(city.id);
    return toConnection(page, () => ctx.loaders.policies.countOf('city', filter).load(city.id));
  }
}

/** `Organization.policies`: the policies the organisation contributed. */
@Resolver(() => Organization)
export class OrganizationPoliciesResolver {
  @FieldResolver(() => PolicyConnection)
  async policies(
    @Root() organization: Organization,
    @Ctx() ctx: CitiesContext,
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => PolicyFilter, { nullable: true }) filter?: PolicyFilter,
    @Arg('orderBy', () => PolicyOrder, { nullable: true }) orderBy?: PolicyOrder,
  ): Promise<Connection<Policy>> {
    const query = { filter, order: orderBy?.field, first, after };
    const page = await ctx.loaders.policies.pageOf('organization', query).load(organization.id);
    return toConnection(page, () => ctx.loaders.policies.countOf('organization', filter).load(organization.id));
  }
}
