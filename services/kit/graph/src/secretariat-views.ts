import type { EntityClass } from '@mikro-orm/core';
import { MaxLength } from 'class-validator';
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
  type ClassType,
} from 'type-graphql';

import { actingOrganizationOf, AuditRecord, isSecretariat, ModerationStatus, Rule } from '@hrc/domain-kit';
import {
  BadUserInputError,
  columnOf,
  isUuid,
  keysetOrder,
  querySignature,
  type RequestContext,
  tableQuery,
} from '@hrc/service-kit';

import { Allow } from './authorization';
import { ConnectionType, PageArgs, pageConnection, type Connection } from './connection';
import type { ResolverMap } from './federation';

/*
 * The secretariat's two cross-subgraph views, built the federated way: one subgraph owns the root field and returns
 * an entity whose key encodes the filter; every subgraph contributes its own list to that entity. The gateway then
 * answers `moderationQueue { policies events programs }` or `auditTrail { cities events education }` in one query.
 */

/**
 * The kinds of contributed record across the hub, from the registry of subgraphs. The subgraph that owns the root
 * fields registers the enum; a kind names a list of exactly one subgraph.
 */
export const ModerationKind: Record<string, string> = {};

let moderationKindsRegistered = false;

function registerModerationKinds(kinds: readonly string[]): void {
  for (const kind of kinds) ModerationKind[kind] = kind;
  if (moderationKindsRegistered) return;
  registerEnumType(ModerationKind, {
    name: 'ModerationKind',
    description: 'A kind of contributed record',
    valuesConfig: {
      POLICY: { description: 'Policies (cities subgraph)' },
      INDICATOR_VALUE: { description: 'Indicator values (cities subgraph)' },
      EVENT: { description: 'Events (events subgraph)' },
      PROGRAM: { description: 'Human rights education programmes (education subgraph)' },
    },
  });
  moderationKindsRegistered = true;
}

@InputType({ description: 'Narrows the moderation queue; every condition given must hold' })
export class ModerationQueueFilter {
  @Field(() => [ModerationKind], { nullable: true, description: 'Only these kinds; every kind when absent' })
  kinds?: string[];

  @Field(() => ID, { nullable: true, description: 'Only records of this city (a City id)' })
  cityId?: string;

  @Field(() => ID, { nullable: true, description: 'The contributing organisation' })
  organizationId?: string;
}

@InputType({ description: 'Narrows the audit trail; every condition given must hold' })
export class AuditTrailFilter {
  @Field({ nullable: true, description: 'For example "Policy", "Event", "Enrollment"' })
  @MaxLength(100)
  entityType?: string;

  @Field(() => ID, { nullable: true, description: 'Only the records of this entity' })
  entityId?: string;

  @Field({ nullable: true, description: 'The token subject of the person who acted' })
  @MaxLength(300)
  actorSubject?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation the actor acted for' })
  organizationId?: string;

  @Field({ nullable: true, description: 'CREATE, UPDATE, APPROVE, REJECT, WITHDRAW, RESTORE, …' })
  @MaxLength(50)
  action?: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only writes at or after this instant' })
  from?: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only writes before this instant' })
  to?: Date;
}

@Directive('@shareable')
@ObjectType({ description: 'One write as the audit trail recorded it, in the transaction of the write' })
export class AuditEntry {
  @Field(() => ID, { description: "The audit record's id" })
  id!: string;

  @Field(() => GraphQLDateTime, { description: 'When the write happened' })
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The token subject of the person who acted; null for the public',
  })
  actorSubject!: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation the actor acted for; null when none' })
  actorOrganizationId!: string | null;

  @Field(() => [String], { description: "The actor's roles (partner, liaison, secretariat) at the time" })
  actorRoles!: string[];

  @Field({ description: 'What was done: CREATE, UPDATE, PROPOSE, APPROVE, REJECT, WITHDRAW, RESTORE, …' })
  action!: string;

  @Field({ description: 'The GraphQL type of the record, for example "Policy"' })
  entityType!: string;

  @Field(() => ID, { description: "The record's id" })
  entityId!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The record's stored values before the write; null for a creation",
  })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The record's stored values after the write" })
  after!: Record<string, unknown> | null;

  @Field({ description: 'The request id of the call, as in the logs and the x-request-id header' })
  requestId!: string;
}

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry', { shareable: true });

function encodeKey(value: unknown): string {
  return Buffer.from(JSON.stringify(value ?? {})).toString('base64url');
}

function decodeKey<T>(key: string): T {
  try {
    return JSON.parse(Buffer.from(key, 'base64url').toString('utf8')) as T;
  } catch {
    throw new BadUserInputError('id', 'is not a key this API issued');
  }
}

/** A UUID filter value that is not a UUID can match nothing; say so rather than fail in SQL. */
function checkId(field: string, value: string | undefined): void {
  if (value !== undefined && value !== null && !isUuid(value)) throw new BadUserInputError(field, 'is not a valid id');
}

export interface QueueList<T extends object> {
  /** The field this subgraph adds to ModerationQueue, for example "policies". */
  field: string;
  kind: string;
  entity: EntityClass<T>;
  connection: ClassType<object>;
  /** The property naming the record's city. */
  cityProperty: keyof T & string;
}

export interface SecretariatViews {
  resolvers: Function[];
  /** The entity types, which subgraphs without the root fields reach only through federation. */
  orphanedTypes: Function[];
  referenceResolvers: ResolverMap;
}

/**
 * Builds this subgraph's part of the secretariat's views: its lists on `ModerationQueue` (records awaiting review,
 * oldest first) and its audit trail on `AuditTrail`. `ownsRootFields` is true in exactly one subgraph.
 */
export function createSecretariatViews(options: {
  subgraph: string;
  queues: Array<QueueList<any>>;
  /** Every contributed kind of the hub, when this subgraph owns the root fields (and so the filter's enum). */
  ownsRootFields: { kinds: readonly string[] } | false;
}): SecretariatViews {
  @Directive('@key(fields: "id")')
  @ObjectType('ModerationQueue', {
    description: "Contributions awaiting the secretariat's review, per kind, oldest first",
  })
  class ModerationQueue {
    @Field(() => ID, { description: 'Encodes the filter' })
    id!: string;
  }

  @Directive('@key(fields: "id")')
  @ObjectType('AuditTrail', { description: 'The audit trail of every subgraph, newest first' })
  class AuditTrail {
    @Field(() => ID, { description: 'Encodes the filter' })
    id!: string;
  }

  @Directive('@key(fields: "id")')
  @ObjectType('MyContributions', {
    description:
      "A partner's own contributions of every kind across the hub, newest change first; rejected ones carry " +
      'rejectionReason',
  })
  class MyContributions {
    @Field(() => ID, { description: 'Encodes the organisation and the status filter' })
    id!: string;
  }

  const resolvers: Function[] = [];

  for (const queue of options.queues) {
    @Resolver(() => MyContributions)
    class ContributionListResolver {
      @Allow(Rule.CONTRIBUTOR)
      @FieldResolver(() => queue.connection, {
        name: queue.field,
        description: `Your organisation's ${queue.kind} records`,
      })
      async [queue.field](
        @Root() root: MyContributions,
        @Ctx() ctx: RequestContext,
        @Args() { first, after }: PageArgs,
      ): Promise<Connection<object>> {
        const filter = decodeKey<{ organizationId: string | null; status?: ModerationStatus }>(root.id);
        // The key travels through the gateway; each subgraph still checks it names the caller's own organisation.
        const own = actingOrganizationOf(ctx.identity);
        const allowed =
          filter.organizationId !== null && (own === filter.organizationId || isSecretariat(ctx.identity));
        const from = () => {
          const query = tableQuery(ctx.em, queue.entity, 'r');
          if (!allowed) return query.whereRaw('false');
          query.where('r.contributed_by', filter.organizationId);
          if (filter.status) query.where('r.status', filter.status);
          return query;
        };
        return pageConnection(ctx.em, queue.entity, {
          alias: 'r',
          from,
          sort: keysetOrder('desc', 'r.updated_at', 'r.id'),
          signature: querySignature(`my-contributions:${queue.field}`, filter),
          first,
          after,
        });
      }
    }
    resolvers.push(ContributionListResolver);

    // type-graphql finds a field resolver by its method name, so each list needs a method named after its field.
    @Resolver(() => ModerationQueue)
    class QueueListResolver {
      @Allow(Rule.SECRETARIAT)
      @FieldResolver(() => queue.connection, {
        name: queue.field,
        description: `${queue.kind} records awaiting review`,
      })
      async [queue.field](
        @Root() root: ModerationQueue,
        @Ctx() ctx: RequestContext,
        @Args() { first, after }: PageArgs,
      ): Promise<Connection<object>> {
        const filter = decodeKey<ModerationQueueFilter>(root.id);
        const from = () => {
          // New or resubmitted records, and published ones with an edit held for review.
          const query = tableQuery(ctx.em, queue.entity, 'r').whereRaw(
            "(r.status = 'SUBMITTED' or (r.status = 'PUBLISHED' and r.pending_changes is not null))",
          );
          if (filter.kinds && !filter.kinds.includes(queue.kind)) query.whereRaw('false');
          if (filter.cityId) query.where(`r.${columnOf(ctx.em, queue.entity, queue.cityProperty)}`, filter.cityId);
          if (filter.organizationId) query.where('r.contributed_by', filter.organizationId);
          return query;
        };
        return pageConnection(ctx.em, queue.entity, {
          alias: 'r',
          from,
          sort: keysetOrder('asc', 'r.updated_at', 'r.id'),
          signature: querySignature(`moderation-queue:${queue.field}`, filter),
          first,
          after,
        });
      }
    }
    resolvers.push(QueueListResolver);
  }

  @Resolver(() => AuditTrail)
  class AuditTrailResolver {
    @FieldResolver(() => AuditEntryConnection, {
      name: options.subgraph,
      description: `The ${options.subgraph} subgraph's audit records`,
    })
    @Allow(Rule.SECRETARIAT)
    async entries(
      @Root() root: AuditTrail,
      @Ctx() ctx: RequestContext,
      @Args() { first, after }: PageArgs,
    ): Promise<Connection<AuditRecord>> {
      const filter = decodeKey<Omit<AuditTrailFilter, 'from' | 'to'> & { from?: string; to?: string }>(root.id);
      const from = () => {
        const query = tableQuery(ctx.em, AuditRecord, 'a');
        if (filter.entityType) query.where('a.entity_type', filter.entityType);
        if (filter.entityId) query.where('a.entity_id', filter.entityId);
        if (filter.actorSubject) query.where('a.actor_subject', filter.actorSubject);
        if (filter.organizationId) query.where('a.actor_organization_id', filter.organizationId);
        if (filter.action) query.where('a.action', filter.action);
        if (filter.from) query.where('a.occurred_at', '>=', filter.from);
        if (filter.to) query.where('a.occurred_at', '<=', filter.to);
        return query;
      };
      return pageConnection(ctx.em, AuditRecord, {
        alias: 'a',
        from,
        sort: keysetOrder('desc', 'a.occurred_at', 'a.id'),
        signature: querySignature(`audit-trail:${options.subgraph}`, filter),
        first,
        after,
      });
    }
  }
  resolvers.push(AuditTrailResolver);

  if (options.ownsRootFields) {
    registerModerationKinds(options.ownsRootFields.kinds);
    @Resolver()
    class SecretariatQueryResolver {
      @Allow(Rule.SECRETARIAT)
      @Query(() => ModerationQueue, {
        nullable: true,
        description: 'Contributions awaiting review across the hub (secretariat only)',
      })
      moderationQueue(
        @Arg('filter', () => ModerationQueueFilter, {
          nullable: true,
          description: 'Narrows the queue; every kind when absent',
        })
        filter?: ModerationQueueFilter,
      ): ModerationQueue {
        checkId('cityId', filter?.cityId);
        checkId('organizationId', filter?.organizationId);
        return {
          id: encodeKey({ kinds: filter?.kinds, cityId: filter?.cityId, organizationId: filter?.organizationId }),
        };
      }

      @Allow(Rule.SECRETARIAT)
      @Query(() => AuditTrail, {
        nullable: true,
        description: 'The audit trail across the hub, filtered (secretariat only)',
      })
      auditTrail(
        @Arg('filter', () => AuditTrailFilter, {
          nullable: true,
          description: 'Narrows the trail; all of it when absent',
        })
        filter?: AuditTrailFilter,
      ): AuditTrail {
        checkId('organizationId', filter?.organizationId);
        return {
          id: encodeKey({ ...filter, from: filter?.from?.toISOString(), to: filter?.to?.toISOString() }),
        };
      }
    }
    resolvers.push(SecretariatQueryResolver);

    @Resolver()
    class ContributorQueryResolver {
      @Allow(Rule.CONTRIBUTOR)
      @Query(() => MyContributions, {
        description:
          "Your organisation's own records of every kind across the hub (policies, indicator values, events, " +
          'programmes), filtered by status: SUBMITTED, REJECTED (with rejectionReason), PUBLISHED or WITHDRAWN. ' +
          'The secretariat names an organisation',
      })
      myContributions(
        @Ctx() ctx: RequestContext,
        @Arg('status', () => ModerationStatus, { nullable: true, description: 'Only records in this status' })
        status?: ModerationStatus,
        @Arg('organizationId', () => ID, { nullable: true, description: 'The organisation (secretariat only)' })
        organizationId?: string,
      ): MyContributions {
        checkId('organizationId', organizationId);
        const organization = isSecretariat(ctx.identity)
          ? (organizationId ?? null)
          : actingOrganizationOf(ctx.identity);
        return { id: encodeKey({ organizationId: organization, status: status ?? undefined }) };
      }
    }
    resolvers.push(ContributorQueryResolver);
  }

  return {
    resolvers,
    orphanedTypes: [ModerationQueue, AuditTrail, MyContributions],
    referenceResolvers: {
      ModerationQueue: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
      AuditTrail: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
      MyContributions: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
    },
  };
}
