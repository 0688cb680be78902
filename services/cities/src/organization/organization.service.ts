import { Rule, assertAllowed, assertSecretariatFieldsKept, assignGiven, insertAudited, revise } from '@hrc/domain-kit';
import { assignGivenTranslations } from '@hrc/graph-kit';
import { BadUserInputError, assertNoNulls } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { Organization } from './organization.entity';
import type { CreateOrganizationInput, OrganizationProfileInput, UpdateOrganizationInput } from './organization.inputs';

/** Checks and applies an organisation's profile; throws BAD_USER_INPUT before anything is flushed. */
async function applyProfile(
  ctx: CitiesContext,
  organization: Organization,
  input: OrganizationProfileInput,
): Promise<void> {
  assertNoNulls(input, ['name', 'nameTranslations', 'kind', 'country']);
  if (input.homeCityId && !(await ctx.loaders.cities.byId.load(input.homeCityId))) {
    throw new BadUserInputError('homeCityId', 'no city has this id');
  }
  assignGiven(organization, input, ['name', 'kind', 'homeCityId', 'country', 'website', 'contactEmail']);
  assignGivenTranslations(organization, input, ['nameTranslations']);
}

/** Registers a partner organisation; the resolver admits only the secretariat. */
export function createOrganization(ctx: CitiesContext, input: CreateOrganizationInput): Promise<Organization> {
  return auditedWrite(ctx, async (scope) => {
    const organization = scope.em.create(Organization, {
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      country: input.country,
    });
    await applyProfile(ctx, organization, input);
    return insertAudited(scope, 'Organization', organization);
  });
}

/** Changes an organisation's profile: a partner of that organisation, or the secretariat; only the secretariat moves its home city. */
export function updateOrganization(
  ctx: CitiesContext,
  id: string,
  expectedVersion: number,
  input: UpdateOrganizationInput,
): Promise<Organization> {
  return auditedWrite(ctx, (scope) =>
    revise(scope, {
      entity: Organization,
      entityType: 'Organization',
      id,
      expectedVersion,
      authorize: (organization) => {
        assertAllowed(Rule.OWNER, ctx.identity, [organization.id]);
        assertSecretariatFieldsKept(ctx.identity, 'Organization', organization, input);
      },
      apply: (organization) => applyProfile(ctx, organization, input),
    }),
  );
}
