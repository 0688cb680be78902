import type { EntityClass } from '@mikro-orm/core';
import { MaxLength, MinLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Resolver, Root, registerEnumType, type ClassType } from 'type-graphql';

import { assertVersion, auditedWrite, snapshot } from './audit/audited-write';
import type { RequestContext } from './context';
import { BadUserInputError, ConflictError } from './errors';
import { actsFor, requireRole, requireWriteAccessTo, type Identity } from './identity';
import { findByIdOrFail } from './lookup';
import { ContributedRecord, ModerationStatus, applyPendingChanges } from './moderation';

export enum ModerationDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  WITHDRAW = 'WITHDRAW',
  RESTORE = 'RESTORE',
}
registerEnumType(ModerationDecision, {
  name: 'ModerationDecision',
  description: 'A step in the review of a contributed record',
  valuesConfig: {
    APPROVE: { description: 'SUBMITTED → PUBLISHED (secretariat)' },
    REJECT: { description: 'SUBMITTED → REJECTED, with a reason the contributor can read (secretariat)' },
    WITHDRAW: { description: 'Any status → WITHDRAWN; nothing is deleted (the contributor or the secretariat)' },
    RESTORE: { description: 'WITHDRAWN → PUBLISHED (secretariat)' },
  },
});

@InputType()
export class ModerationInput {
  @Field(() => ModerationDecision)
  decision!: ModerationDecision;

  @Field(() => String, { nullable: true, description: 'Required to REJECT; the contributor reads it' })
  @MinLength(3)
  @MaxLength(2000)
  reason?: string | null;
}

type Moderated = ContributedRecord & { id: string };

/** Which transitions a decision allows, and the status it leads to; edits held on published records are reviewed too. */
const TRANSITIONS: Record<ModerationDecision, { from: ModerationStatus[] | 'any-but-withdrawn'; to: ModerationStatus }> = {
  [ModerationDecision.APPROVE]: { from: [ModerationStatus.SUBMITTED], to: ModerationStatus.PUBLISHED },
  [ModerationDecision.REJECT]: { from: [ModerationStatus.SUBMITTED], to: ModerationStatus.REJECTED },
  [ModerationDecision.WITHDRAW]: { from: 'any-but-withdrawn', to: ModerationStatus.WITHDRAWN },
  [ModerationDecision.RESTORE]: { from: [ModerationStatus.WITHDRAWN], to: ModerationStatus.PUBLISHED },
};

function authorize(identity: Identity, decision: ModerationDecision, record: Moderated): void {
  if (decision === ModerationDecision.WITHDRAW) requireWriteAccessTo(identity, record.contributedBy);
  else requireRole(identity, 'secretariat');
}


/**
 * Adds `moderate<Type>(id, expectedVersion, input)` and `<Type>.rejectionReason` for a contributed entity, so every
 * subgraph reviews its records the same way: one transaction, a version check and an audit record per decision.
 */
export function createModerationResolver<T extends Moderated>(entity: EntityClass<T> & ClassType<T>, typeName: string) {
  @Resolver(() => entity)
  class ModerationResolver {
    @Mutation(() => entity, {
      name: `moderate${typeName}`,
      description: `Moves a ${typeName} through review: approve, reject with a reason, withdraw or restore`,
    })
    async moderate(
      @Ctx() ctx: RequestContext,
      @Arg('id', () => ID) id: string,
      @Arg('expectedVersion', () => Int) expectedVersion: number,
      @Arg('input', () => ModerationInput) input: ModerationInput,
    ): Promise<T> {
      requireRole(ctx.identity, 'partner', 'secretariat');
      if (input.decision === ModerationDecision.REJECT && !input.reason) {
        throw new BadUserInputError('reason', 'a rejection needs a reason the contributor can act on');
      }
      return auditedWrite(ctx, async ({ em, audit }) => {
        const record = await findByIdOrFail(em, entity, id);
        authorize(ctx.identity, input.decision, record);
        assertVersion(typeName, record, expectedVersion);
        const transition = TRANSITIONS[input.decision];
        const reviewsHeldEdit =
          record.status === ModerationStatus.PUBLISHED &&
          record.pendingChanges !== null &&
          (input.decision === ModerationDecision.APPROVE || input.decision === ModerationDecision.REJECT);
        const allowed =
          reviewsHeldEdit ||
          (transition.from === 'any-but-withdrawn'
            ? record.status !== ModerationStatus.WITHDRAWN
            : transition.from.includes(record.status));
        if (!allowed) {
          throw new ConflictError(`A ${record.status} ${typeName} cannot take the decision ${input.decision}`, {
            field: 'decision',
          });
        }
        const before = snapshot(record);
        if (reviewsHeldEdit) {
          // The published version stays public either way; approval applies the held edit, rejection drops it.
          if (input.decision === ModerationDecision.APPROVE) applyPendingChanges(record);
          else record.pendingChanges = null;
        } else {
          record.status = transition.to;
        }
        record.rejectionReason = input.decision === ModerationDecision.REJECT ? input.reason! : null;
        await em.flush();
        audit({ action: input.decision, entityType: typeName, entityId: id, before, after: snapshot(record) });
        return record;
      });
    }

    @FieldResolver(() => GraphQLJSONObject, {
      name: 'pendingChanges',
      nullable: true,
      description: 'An edit awaiting review, by field; shown to the contributing organisation and the secretariat only',
    })
    pendingChanges(@Root() record: T, @Ctx() ctx: RequestContext): Record<string, unknown> | null {
      return actsFor(ctx.identity, record.contributedBy) ? record.pendingChanges : null;
    }

    @FieldResolver(() => String, {
      name: 'rejectionReason',
      nullable: true,
      description: 'Why the secretariat rejected it; shown to the contributing organisation and the secretariat only',
    })
    rejectionReason(@Root() record: T, @Ctx() ctx: RequestContext): string | null {
      return actsFor(ctx.identity, record.contributedBy) ? record.rejectionReason : null;
    }
  }
  return ModerationResolver;
}

