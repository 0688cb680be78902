import type { EntityClass } from '@mikro-orm/core';
import { MaxLength, MinLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  type ClassType,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';

import {
  ModerationDecision,
  ModerationStatus,
  Rule,
  applyDecision,
  assertReasonGiven,
  authorizeDecision,
  revise,
  type AuditCatalogue,
  type AuditedWrite,
  type WriteScope,
} from '@hrc/domain-kit';
import type { RequestContext } from '@hrc/service-kit';

import { Allow, PrivateTo } from './authorization';
import './enums';
import { RevisionArgs, type ContributedRecord } from './records';

@InputType({ description: "The secretariat's (or, to withdraw, the contributor's) decision on a contributed record" })
export class ModerationInput {
  @Field(() => ModerationDecision, { description: 'The step to take' })
  decision!: ModerationDecision;

  @Field(() => String, { nullable: true, description: 'Required to REJECT; the contributor reads it' })
  @MinLength(3)
  @MaxLength(2000)
  reason?: string | null;
}

type Moderated = ContributedRecord & { id: string };

const ownersOf = (record: Moderated) => [record.contributedBy];

/**
 * Adds `moderate<Type>(id, expectedVersion, input)`, `<Type>.pendingChanges` and `<Type>.rejectionReason` for a
 * contributed entity, so every subgraph reviews its records the same way: one transaction, the decision's rule
 * checked against the stored record, a version check and an audit record per decision.
 */
export function createModerationResolver<T extends Moderated, C extends AuditCatalogue>(
  entity: EntityClass<T> & ClassType<T>,
  typeName: keyof C & string,
  write: AuditedWrite<C>,
  hooks: {
    /** Runs in the decision's transaction before a record becomes PUBLISHED, for example to supersede another. */
    beforePublish?(scope: WriteScope<C>, record: T): Promise<void>;
  } = {},
) {
  @Resolver(() => entity)
  class ModerationResolver {
    @Allow(Rule.OWNER)
    @Mutation(() => entity, {
      name: `moderate${typeName}`,
      description:
        `Moves a ${typeName} through review. The secretariat approves, rejects (with a reason) and restores; ` +
        'the contributing organisation or the secretariat withdraws',
    })
    moderate(
      @Ctx() ctx: RequestContext,
      @Args() { id, expectedVersion }: RevisionArgs,
      @Arg('input', () => ModerationInput, { description: 'The decision, and the reason a rejection needs' })
      input: ModerationInput,
    ): Promise<T> {
      assertReasonGiven(input.decision, input.reason);
      return write(ctx, (scope) =>
        revise(scope, {
          entity,
          entityType: typeName,
          id,
          expectedVersion,
          authorize: (record) => authorizeDecision(ctx.identity, input.decision, record),
          apply: async (record) => {
            const publishes =
              record.status !== ModerationStatus.PUBLISHED &&
              (input.decision === ModerationDecision.APPROVE || input.decision === ModerationDecision.RESTORE);
            if (publishes && hooks.beforePublish) {
              // Checked first, so a decision the record cannot take changes nothing else.
              applyDecision({ ...record }, input.decision, input.reason, typeName);
              await hooks.beforePublish(scope, record);
            }
            applyDecision(record, input.decision, input.reason, typeName);
            return input.decision;
          },
        }),
      );
    }

    @PrivateTo(Rule.OWNER, ownersOf)
    @FieldResolver(() => GraphQLJSONObject, {
      name: 'pendingChanges',
      nullable: true,
      description: 'An edit awaiting review, by field; shown to the contributing organisation and the secretariat only',
    })
    pendingChanges(@Root() record: T): Record<string, unknown> | null {
      return record.pendingChanges;
    }

    @PrivateTo(Rule.OWNER, ownersOf)
    @FieldResolver(() => String, {
      name: 'rejectionReason',
      nullable: true,
      description: 'Why the secretariat rejected it; shown to the contributing organisation and the secretariat only',
    })
    rejectionReason(@Root() record: T): string | null {
      return record.rejectionReason;
    }
  }
  return ModerationResolver;
}
