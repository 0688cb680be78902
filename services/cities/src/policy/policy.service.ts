import {
  assignGiven,
  insertAudited,
  organizationOfWrite,
  reviseOwnContribution,
  statusForWriteBy,
} from '@hrc/domain-kit';
import { assignGivenTranslations } from '@hrc/graph-kit';
import { BadUserInputError, assertNoNulls } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { Policy } from './policy.entity';
import type { CreatePolicyInput, PolicyContentInput, UpdatePolicyInput } from './policy.inputs';

/** Checks and applies a policy's content; throws BAD_USER_INPUT before anything is flushed. */
export function applyContent(policy: Policy, input: PolicyContentInput): void {
  assertNoNulls(input, ['title', 'titleTranslations', 'summary', 'summaryTranslations', 'themes', 'sdgs', 'stage']);
  assignGiven(policy, input, ['title', 'summary', 'themes', 'adoptedOn', 'adoptedIn', 'stage', 'sourceUrl']);
  assignGivenTranslations(policy, input, ['titleTranslations', 'summaryTranslations']);
  if (input.sdgs !== undefined) policy.sdgs = [...input.sdgs].sort((a, b) => a - b);
  if (policy.adoptedOn && policy.adoptedIn && Number(policy.adoptedOn.slice(0, 4)) !== policy.adoptedIn) {
    throw new BadUserInputError('adoptedIn', 'must be the year of adoptedOn');
  }
}

/**
 * Contributes a policy: a partner's is its own organisation's and waits for review; the secretariat's is published
 * and may name the contributing organisation.
 */
export async function createPolicy(ctx: CitiesContext, input: CreatePolicyInput): Promise<Policy> {
  const contributedBy = organizationOfWrite(ctx.identity, input.organizationId);
  if (!(await ctx.loaders.cities.byId.load(input.cityId))) throw new BadUserInputError('cityId', 'no city has this id');
  if (contributedBy && !(await ctx.loaders.organizations.byId.load(contributedBy))) {
    throw new BadUserInputError('organizationId', 'no organisation has this id');
  }
  return auditedWrite(ctx, (scope) => {
    const policy = scope.em.create(Policy, {
      cityId: input.cityId,
      title: input.title,
      summary: input.summary,
      contributedBy,
      status: statusForWriteBy(ctx.identity),
    });
    applyContent(policy, input);
    return insertAudited(scope, 'Policy', policy);
  });
}

/** Changes a policy its organisation contributed; a partner's edit to a published one waits for review. */
export function updatePolicy(
  ctx: CitiesContext,
  id: string,
  expectedVersion: number,
  input: UpdatePolicyInput,
): Promise<Policy> {
  return auditedWrite(ctx, (scope) =>
    reviseOwnContribution(scope, ctx.identity, {
      entity: Policy,
      entityType: 'Policy',
      id,
      expectedVersion,
      edit: (policy) => applyContent(policy, input),
    }),
  );
}
