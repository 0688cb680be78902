import { GraphQLDateTime } from 'graphql-scalars';
import {
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';

import { AuditRecord, Rule, feedEntityTypes, type AuditCatalogue } from '@hrc/domain-kit';
import { fetchPage, keysetOrder, querySignature, type RequestContext, tableQuery } from '@hrc/service-kit';

import { Allow } from './authorization';
import { PageArgs, PageInfo } from './connection';
import type { ResolverMap } from './federation';

export enum ChangeOperation {
  PUBLISHED = 'PUBLISHED',
  UPDATED = 'UPDATED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ChangeOperation, {
  name: 'ChangeOperation',
  description: 'What changed for the public',
  valuesConfig: {
    PUBLISHED: { description: 'The record became public: created by the secretariat, approved or restored' },
    UPDATED: { description: 'A public record changed' },
    WITHDRAWN: { description: 'A public record is no longer public; drop it from your mirror' },
  },
});

@Directive('@shareable')
@ObjectType({ description: 'One change to published data. Read the record itself to get its current public state.' })
export class Change {
  @Field(() => ChangeOperation, { description: 'What the change meant for the public' })
  operation!: ChangeOperation;

  @Field({ description: 'The GraphQL type of the record, for example "Policy"' })
  entityType!: string;

  @Field(() => ID, { description: "The record's id; read it through the API for its current state" })
  entityId!: string;

  @Field(() => GraphQLDateTime, { description: 'When the write committed' })
  occurredAt!: Date;
}

@Directive('@shareable')
@ObjectType({ description: 'One change, with the cursor to resume after it' })
export class ChangeEdge {
  @Field({ description: 'Opaque; resume the same subgraph list after it' })
  cursor!: string;

  @Field(() => Change, { description: 'The change' })
  node!: Change;
}

/** A connection without a total: counting the whole history on every poll would cost a scan, and mirrors need the cursor. */
@Directive('@shareable')
@ObjectType({ description: 'A page of changes' })
export class ChangePage {
  @Field(() => [ChangeEdge], { description: 'The changes of this page, oldest first' })
  edges!: ChangeEdge[];

  @Field(() => PageInfo, { description: 'Keep endCursor to resume; hasNextPage is false once you are up to date' })
  pageInfo!: PageInfo;
}

function isPublic(snapshot: Record<string, unknown> | null): boolean {
  return snapshot !== null && (snapshot.status ?? 'PUBLISHED') === 'PUBLISHED';
}

/** What a write meant to the public; records that have no review status are public as soon as they exist. */
export function changeOf(record: AuditRecord): Change {
  const was = isPublic(record.before);
  const is = isPublic(record.after);
  const operation = is ? (was ? ChangeOperation.UPDATED : ChangeOperation.PUBLISHED) : ChangeOperation.WITHDRAWN;
  return { operation, entityType: record.entityType, entityId: record.entityId, occurredAt: record.occurredAt };
}

/** The same rule in SQL: a write that touched public data, before or after. */
const TOUCHES_PUBLIC_DATA = `(
  (a.after is not null and coalesce(a.after->>'status', 'PUBLISHED') = 'PUBLISHED')
  or (a.before is not null and coalesce(a.before->>'status', 'PUBLISHED') = 'PUBLISHED')
)`;

/**
 * `changes { <subgraph>(first, after) }`: published creations, updates and withdrawals in commit-safe order, derived
 * from the audit trail so a change and its feed entry commit together. Entries carry no payload, only what changed,
 * so the feed can never show more than the record's own visibility rules allow. Only entries written by
 * transactions older than every running one are served: a resumed cursor never skips a late commit.
 */
export function createChangeFeed(options: { subgraph: string; catalogue: AuditCatalogue; ownsRootField: boolean }) {
  const entityTypes = feedEntityTypes(options.catalogue);
  @Directive('@key(fields: "id")')
  @ObjectType('ChangeFeed', { description: 'Changes to published data, one ordered list per subgraph' })
  class ChangeFeed {
    @Field(() => ID, { description: 'The key by which each subgraph adds its list; no meaning for clients' })
    id!: string;
  }

  @Resolver(() => ChangeFeed)
  class ChangeFeedResolver {
    @FieldResolver(() => ChangePage, {
      name: options.subgraph,
      description: `Changes in the ${options.subgraph} subgraph, oldest first; keep pageInfo.endCursor and resume with after`,
    })
    async [options.subgraph](
      @Root() _feed: ChangeFeed,
      @Ctx() ctx: RequestContext,
      @Args() { first, after }: PageArgs,
    ): Promise<ChangePage> {
      const from = () =>
        tableQuery(ctx.em, AuditRecord, 'a')
          .whereRaw('a.entity_type = any(?)', [entityTypes])
          // A held edit changes nothing the public sees until it is approved.
          .whereRaw("a.action <> 'PROPOSE'")
          .whereRaw('a.transaction_id < pg_snapshot_xmin(pg_current_snapshot())')
          .whereRaw(TOUCHES_PUBLIC_DATA);
      const page = await fetchPage(ctx.em, AuditRecord, {
        alias: 'a',
        from,
        sort: keysetOrder('asc', 'a.transaction_id', 'a.id'),
        signature: querySignature(`changes:${options.subgraph}`, entityTypes),
        first,
        after,
      });
      return {
        edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: changeOf(edge.node) })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.edges[0]?.cursor ?? null,
          // An empty page keeps the caller's place, so polling never loses it.
          endCursor: page.edges[page.edges.length - 1]?.cursor ?? after ?? null,
        },
      };
    }
  }

  const resolvers: Function[] = [ChangeFeedResolver];
  if (options.ownsRootField) {
    @Resolver()
    class ChangeFeedQueryResolver {
      @Allow(Rule.PUBLIC)
      @Query(() => ChangeFeed, {
        nullable: true,
        description: 'Published creations, updates and withdrawals across the hub, for systems that mirror it',
      })
      changes(): ChangeFeed {
        return { id: 'published' };
      }
    }
    resolvers.push(ChangeFeedQueryResolver);
  }
  const referenceResolvers: ResolverMap = {
    ChangeFeed: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
  };
  return { resolvers, orphanedTypes: [ChangeFeed] as Function[], referenceResolvers };
}
