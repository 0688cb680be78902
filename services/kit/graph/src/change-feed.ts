import type { Knex } from '@mikro-orm/postgresql';
import { GraphQLDateTime } from 'graphql-scalars';
import {
  Arg,
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

import { AuditRecord, Rule, feedEntityTypes, type AuditCatalogue, type AuditedEntityType } from '@hrc/domain-kit';
import {
  cursorKeyOf,
  encodeCursor,
  fetchPage,
  keysetOrder,
  querySignature,
  type RequestContext,
  tableQuery,
} from '@hrc/service-kit';

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
    PUBLISHED: {
      description:
        'The record became public: created by the secretariat, approved or restored; in a private list, the record was created',
    },
    UPDATED: { description: 'A public record changed; in a private list, the record changed (see the action)' },
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

  @Field(() => ID, {
    description:
      'A hub-wide id of the record: base64 of "<entityType>:<entityId>", unique across the three subgraphs. Fetch the record with the root field of its type (policy, indicatorValue, city, organization, forumEditionById, event, registration, program) and entityId',
  })
  globalId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The id of the record's city (for a city, its own id); null for records of no city",
  })
  cityId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The id of the organisation the record belongs to (its contributor, provider or organiser; for an organisation, its own id); null for records of the secretariat or of no organisation',
  })
  organizationId!: string | null;

  @Field(() => String, {
    description: 'The audited action behind the change, for example CREATE, APPROVE, WITHDRAW or CANCEL',
  })
  action!: string;

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

  /** The audit record behind the entry: not in the schema; the webhook worker keys its deliveries by it. */
  recordId?: string;
}

/** A connection without a total: counting the whole history on every poll would cost a scan, and mirrors need the cursor. */
@Directive('@shareable')
@ObjectType({ description: 'A page of changes' })
export class ChangePage {
  @Field(() => [ChangeEdge], { description: 'The changes of this page, oldest first' })
  edges!: ChangeEdge[];

  @Field(() => PageInfo, { description: 'Keep endCursor to resume; hasNextPage is false once you are up to date' })
  pageInfo!: PageInfo;

  /** Evaluated only when selected: a getter, so a page that does not ask costs no statement. */
  @Field(() => String, {
    description:
      'The cursor of now: pass it as after to receive only changes committed after this read, to start a mirror from a fresh copy. At least once: a change committing during the read may be served again',
  })
  readonly headCursor!: string | Promise<string>;
}

/** A hub-wide id: base64 of "<entityType>:<entityId>", as Relay clients expect. */
export function globalIdOf(entityType: string, entityId: string): string {
  return Buffer.from(`${entityType}:${entityId}`, 'utf8').toString('base64');
}

/** The type and id inside a global id; null when it is not one. */
export function parseGlobalId(globalId: string): { entityType: string; entityId: string } | null {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || globalIdOf(decoded.slice(0, colon), decoded.slice(colon + 1)) !== globalId) return null;
  return { entityType: decoded.slice(0, colon), entityId: decoded.slice(colon + 1) };
}

/** Where a feed entry routes: its city and organisation, when known. */
export interface ChangeRoute {
  cityId: string | null;
  organizationId: string | null;
}

function idAt(snapshot: Record<string, unknown> | null, property: string | undefined): string | null {
  if (!snapshot || !property) return null;
  const value = snapshot[property];
  return typeof value === 'string' ? value : null;
}

/** Routing read from the record's own snapshot, as its catalogue entry declares: no statement per entry. */
export function routeOf(record: AuditRecord, entry: AuditedEntityType | undefined): ChangeRoute {
  const snapshot = record.after ?? record.before;
  return {
    cityId: idAt(snapshot, entry?.route?.city),
    organizationId: idAt(snapshot, entry?.route?.organization),
  };
}

function isPublic(snapshot: Record<string, unknown> | null): boolean {
  return snapshot !== null && (snapshot.status ?? 'PUBLISHED') === 'PUBLISHED';
}

/** What a write meant to the public; records that have no review status are public as soon as they exist. */
export function changeOf(
  record: AuditRecord,
  route: ChangeRoute = { cityId: null, organizationId: null },
  visibleTo: 'public' | 'followers' = 'public',
): Change {
  // A private list's records are never public: for their followers a record appears when it is created.
  const was = visibleTo === 'public' ? isPublic(record.before) : record.before !== null;
  const is = visibleTo === 'public' ? isPublic(record.after) : record.after !== null;
  const operation = is ? (was ? ChangeOperation.UPDATED : ChangeOperation.PUBLISHED) : ChangeOperation.WITHDRAWN;
  return {
    operation,
    entityType: record.entityType,
    entityId: record.entityId,
    globalId: globalIdOf(record.entityType, record.entityId),
    cityId: route.cityId,
    organizationId: route.organizationId,
    action: record.action,
    occurredAt: record.occurredAt,
  };
}

/** What one list of the feed reads: which audit records, and how their entries route. */
export interface ChangeListSpec {
  /** Names the list in its cursors, so a cursor only continues the list that issued it. */
  name: string;
  entityTypes: string[];
  /** Extra filters on the audit records (alias `a`), for example the caller's own records only. */
  where?: (query: Knex.QueryBuilder) => Knex.QueryBuilder;
  /** Keep writes that changed no public data (a private list follows records that are never public). */
  includePrivate?: boolean;
  route: (records: AuditRecord[]) => ChangeRoute[] | Promise<ChangeRoute[]>;
}

/**
 * One page of a change list in one statement, in commit-safe order. Only entries written by transactions older
 * than every running one are served: a resumed cursor never skips a late commit. The head cursor is the oldest
 * running transaction's position, so everything that commits after it is served.
 */
export async function readChanges(
  ctx: RequestContext,
  spec: ChangeListSpec,
  args: { first: number; after?: string | null; since?: Date | null },
): Promise<ChangePage> {
  const signature = querySignature(`changes:${spec.name}`, spec.entityTypes);
  const from = () => {
    let query = tableQuery(ctx.em, AuditRecord, 'a')
      .whereRaw('a.entity_type = any(?)', [spec.entityTypes])
      // A held edit changes nothing the public sees until it is approved.
      .whereRaw("a.action <> 'PROPOSE'")
      .whereRaw('a.transaction_id < pg_snapshot_xmin(pg_current_snapshot())');
    if (!spec.includePrivate) query = query.whereRaw(TOUCHES_PUBLIC_DATA);
    if (args.since) query = query.whereRaw('a.occurred_at >= ?', [args.since]);
    return spec.where ? spec.where(query) : query;
  };
  const page = await fetchPage(ctx.em, AuditRecord, {
    alias: 'a',
    from,
    sort: keysetOrder('asc', 'a.transaction_id', 'a.id'),
    signature,
    first: args.first,
    after: args.after,
  });
  const records = page.edges.map((edge) => edge.node);
  const routes = records.length > 0 ? await spec.route(records) : [];
  let head: Promise<string> | undefined;
  return {
    edges: page.edges.map((edge, index) => ({
      cursor: edge.cursor,
      recordId: edge.node.id,
      node: changeOf(edge.node, routes[index], spec.includePrivate ? 'followers' : 'public'),
    })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.edges[0]?.cursor ?? null,
      // An empty page keeps the caller's place, so polling never loses it.
      endCursor: page.edges[page.edges.length - 1]?.cursor ?? args.after ?? null,
    },
    get headCursor() {
      head ??= headCursor(ctx, signature);
      return head;
    },
  };
}

async function headCursor(ctx: RequestContext, signature: string): Promise<string> {
  const rows = (await ctx.em.getKnex().raw('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin')) as {
    rows: Array<{ xmin: string }>;
  };
  // Every transaction below the oldest running one has finished and its entries are behind this cursor.
  return encodeCursor(cursorKeyOf(ctx.em), signature, [rows.rows[0]!.xmin, '0']);
}

/** A private list of the change feed, in one subgraph: records that are never public, shown to those who may. */
export interface PrivateChangeList {
  field: string;
  description: string;
  entityTypes: string[];
  /** The audit records the caller may follow; null when none. */
  scope: (ctx: RequestContext) => ((query: Knex.QueryBuilder) => Knex.QueryBuilder) | null;
  route: (ctx: RequestContext, records: AuditRecord[]) => Promise<ChangeRoute[]>;
}

/** The same rule in SQL: a write that touched public data, before or after. */
const TOUCHES_PUBLIC_DATA = `(
  (a.after is not null and coalesce(a.after->>'status', 'PUBLISHED') = 'PUBLISHED')
  or (a.before is not null and coalesce(a.before->>'status', 'PUBLISHED') = 'PUBLISHED')
)`;

/** An empty page that keeps the caller's place. */
function emptyPage(after: string | null | undefined): ChangePage {
  return {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: after ?? null },
    headCursor: '',
  };
}

/** A private list's page for the caller: filtered in SQL to what it may follow; empty for anyone else. */
function readPrivateChanges(
  ctx: RequestContext,
  list: PrivateChangeList,
  args: { first: number; after?: string | null; since?: Date | null },
): Promise<ChangePage> {
  const where = list.scope(ctx);
  if (!where) return Promise.resolve(emptyPage(args.after));
  return readChanges(
    ctx,
    {
      name: list.field,
      entityTypes: list.entityTypes,
      includePrivate: true,
      where,
      route: (records) => list.route(ctx, records),
    },
    args,
  );
}

function privateListResolver(feed: Function, list: PrivateChangeList): Function {
  @Resolver(() => feed)
  class PrivateChangeListResolver {
    // The list's rows are filtered in SQL to what the caller may follow; empty, never an error, for anyone else.
    @Allow(Rule.PUBLIC)
    @FieldResolver(() => ChangePage, { name: list.field, description: list.description })
    async [list.field](
      @Root() _feed: unknown,
      @Ctx() ctx: RequestContext,
      @Args() { first, after }: PageArgs,
      @Arg('since', () => GraphQLDateTime, {
        nullable: true,
        description: 'Only changes that committed at or after this time; to start from now, use headCursor instead',
      })
      since?: Date | null,
    ): Promise<ChangePage> {
      return readPrivateChanges(ctx, list, { first, after, since });
    }
  }
  return PrivateChangeListResolver;
}

/**
 * One list of a subgraph's change feed as code reads it (the webhook worker): exactly what `changes { <name> }`
 * answers the identity in `ctx`, never more.
 */
export interface FeedList {
  /** The list's field on ChangeFeed: the subgraph's name for its public list, or a private list's field. */
  name: string;
  read(ctx: RequestContext, args: { first: number; after?: string | null }): Promise<ChangePage>;
}

/**
 * `changes { <subgraph>(first, after, since) }`: published creations, updates and withdrawals in commit-safe order, derived
 * from the audit trail so a change and its feed entry commit together. Entries carry no payload, only what changed,
 * so the feed can never show more than the record's own visibility rules allow. Only entries written by
 * transactions older than every running one are served: a resumed cursor never skips a late commit.
 */
export function createChangeFeed(options: {
  subgraph: string;
  catalogue: AuditCatalogue;
  ownsRootField: boolean;
  privateLists?: PrivateChangeList[];
}) {
  const entityTypes = feedEntityTypes(options.catalogue);
  const publicList: ChangeListSpec = {
    name: options.subgraph,
    entityTypes,
    route: (records) => records.map((record) => routeOf(record, options.catalogue[record.entityType])),
  };
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
      @Arg('since', () => GraphQLDateTime, {
        nullable: true,
        description: 'Only changes that committed at or after this time; to start from now, use headCursor instead',
      })
      since?: Date | null,
    ): Promise<ChangePage> {
      return readChanges(ctx, publicList, { first, after, since });
    }
  }
  const resolvers: Function[] = [ChangeFeedResolver];
  for (const list of options.privateLists ?? []) resolvers.push(privateListResolver(ChangeFeed, list));
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
  const lists: FeedList[] = [
    { name: options.subgraph, read: (ctx, args) => readChanges(ctx, publicList, args) },
    ...(options.privateLists ?? []).map((list) => ({
      name: list.field,
      read: (ctx: RequestContext, args: { first: number; after?: string | null }) =>
        readPrivateChanges(ctx, list, args),
    })),
  ];
  return {
    subgraph: options.subgraph,
    lists,
    resolvers,
    orphanedTypes: [ChangeFeed] as Function[],
    referenceResolvers,
  };
}
