import {
  assignGiven,
  insertAudited,
  snapshot,
  organizationOfWrite,
  reviseOwnContribution,
  statusForWriteBy,
  isSdgTarget,
  SDG_TARGETS,
} from '@hrc/domain-kit';
import {
  assignGivenTranslations,
  BulkRowOutcome,
  rowErrorOf,
  rowValidationFailure,
  settleBulk,
  type BulkMode,
  type BulkResult,
  type BulkRowResult,
} from '@hrc/graph-kit';
import { BadUserInputError, assertNoNulls, isUuid } from '@hrc/service-kit';

import { auditedWrite } from '../audit-catalogue';
import type { CitiesContext } from '../context';
import { Policy, type UnRecommendationLink } from './policy.entity';
import { UnMechanism } from './policy.enums';
import type { CreatePolicyInput, PolicyContentInput, UnRecommendationInput, UpdatePolicyInput } from './policy.inputs';

/** SDG targets as stored: each one of the 169 official targets, sorted as the official list orders them. */
function checkedSdgTargets(targets: string[]): string[] {
  const unknown = targets.find((target) => !isSdgTarget(target));
  if (unknown !== undefined)
    throw new BadUserInputError('sdgTargets', `"${unknown}" is not one of the 169 SDG targets`);
  return [...targets].sort((a, b) => SDG_TARGETS.indexOf(a) - SDG_TARGETS.indexOf(b));
}

function checkedRecommendation(input: UnRecommendationInput): UnRecommendationLink {
  if (input.uhriUrl && !/^https:\/\/uhri\.ohchr\.org\//.test(input.uhriUrl)) {
    throw new BadUserInputError(
      'uhriUrl',
      'must be a record of the Universal Human Rights Index, https://uhri.ohchr.org/…',
    );
  }
  if (input.mechanism === UnMechanism.UPR && !input.cycle) {
    throw new BadUserInputError('cycle', 'name the UPR cycle of the recommendation');
  }
  return {
    mechanism: input.mechanism,
    body: input.body ?? null,
    cycle: input.cycle ?? null,
    recommendation: input.recommendation ?? null,
    uhriUrl: input.uhriUrl ?? null,
  };
}

/** The most policies one bulk call may carry. */
export const MAX_POLICY_ROWS = 200;

/** Checks and applies a policy's content; throws BAD_USER_INPUT before anything is flushed. */
export function applyContent(policy: Policy, input: PolicyContentInput): void {
  assertNoNulls(input, [
    'title',
    'titleTranslations',
    'summary',
    'summaryTranslations',
    'themes',
    'sdgs',
    'sdgTargets',
    'unRecommendations',
    'stage',
  ]);
  assignGiven(policy, input, ['title', 'summary', 'themes', 'adoptedOn', 'adoptedIn', 'stage', 'sourceUrl']);
  assignGivenTranslations(policy, input, ['titleTranslations', 'summaryTranslations']);
  if (input.sdgs !== undefined) policy.sdgs = [...input.sdgs].sort((a, b) => a - b);
  if (input.sdgTargets !== undefined) policy.sdgTargets = checkedSdgTargets(input.sdgTargets);
  if (input.unRecommendations !== undefined)
    policy.unRecommendations = input.unRecommendations.map(checkedRecommendation);
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

/**
 * Contributes up to 200 policies in one transaction: each row is checked on its own (its constraints, city,
 * organisation and content), then the rows that pass are inserted with batched statements and one audit record each.
 * In ALL_OR_NOTHING mode one failing row writes nothing.
 */
export async function createPolicies(
  ctx: CitiesContext,
  inputs: CreatePolicyInput[],
  mode: BulkMode,
): Promise<BulkResult<Policy>> {
  if (inputs.length > MAX_POLICY_ROWS)
    throw new BadUserInputError('rows', `at most ${MAX_POLICY_ROWS} rows in one call`);
  const cityIds = [...new Set(inputs.map((input) => input.cityId).filter(isUuid))];
  const cities = new Set(
    (await ctx.loaders.cities.byId.loadMany(cityIds)).flatMap((city) =>
      city && !(city instanceof Error) ? [city.id] : [],
    ),
  );
  const named = [...new Set(inputs.flatMap((input) => (input.organizationId ? [input.organizationId] : [])))];
  const organizations = new Set(
    (await ctx.loaders.organizations.byId.loadMany(named.filter(isUuid))).flatMap((organization) =>
      organization && !(organization instanceof Error) ? [organization.id] : [],
    ),
  );
  const status = statusForWriteBy(ctx.identity);
  const outcome = await auditedWrite(ctx, async (scope) => {
    const rows: BulkRowResult<Policy>[] = inputs.map((input, index) => {
      try {
        const invalid = rowValidationFailure(input);
        if (invalid) throw invalid;
        const contributedBy = organizationOfWrite(ctx.identity, input.organizationId);
        if (!cities.has(input.cityId)) throw new BadUserInputError('cityId', 'no city has this id');
        if (contributedBy && !organizations.has(contributedBy) && contributedBy !== ctx.identity.organizationId) {
          throw new BadUserInputError('organizationId', 'no organisation has this id');
        }
        const policy = scope.em.create(
          Policy,
          { cityId: input.cityId, title: input.title, summary: input.summary, contributedBy, status },
          { persist: false },
        );
        applyContent(policy, input);
        return { index, outcome: BulkRowOutcome.CREATED, record: policy, error: null };
      } catch (error) {
        return { index, outcome: BulkRowOutcome.ERROR, record: null, error: rowErrorOf(error) };
      }
    });
    const settled = settleBulk(mode, rows);
    const written = settled.rows.flatMap((row) => (row.record ? [row.record] : []));
    if (written.length === 0) return settled;
    scope.em.persist(written);
    await scope.em.flush();
    for (const policy of written) {
      scope.audit({ action: 'CREATE', entityType: 'Policy', entityId: policy.id, after: snapshot(policy) });
    }
    return settled;
  });
  return outcome;
}
