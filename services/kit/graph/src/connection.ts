import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Max, Min } from 'class-validator';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';

import {
  countAll,
  DEFAULT_PAGE_SIZE,
  fetchPage,
  MAX_PAGE_SIZE,
  type Edge,
  type FetchedPage,
  type Identity,
  type ListQuery,
  type PageSpec,
} from '@hrc/service-kit';

@Directive('@shareable')
@ObjectType({ description: 'Where a page stands in its list' })
export class PageInfo {
  @Field({ description: 'True when more records follow: ask again with after: endCursor' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was reached with after (lists page forwards only)' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page" })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last edge's cursor, to pass as after for the next page; null on an empty page",
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, at most ${MAX_PAGE_SIZE}` })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Evaluated only when a caller selects it: a getter that resolves through a loader. */
  readonly totalCount: number | Promise<number>;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type. `shareable` marks them as value types that several
 * subgraphs define identically.
 */
export function ConnectionType<TNode extends object>(
  nodeType: ClassType<TNode>,
  name: string = nodeType.name,
  options: { shareable?: boolean } = {},
) {
  const shareable: ClassDecorator = options.shareable ? Directive('@shareable') : () => undefined;

  @shareable
  @ObjectType(`${name}Edge`, { description: `One ${name} record of a page, with its cursor` })
  class EdgeType {
    @Field(() => nodeType, { description: 'The record' })
    node!: TNode;

    @Field({ description: 'Opaque; continues only the query that issued it' })
    cursor!: string;
  }

  @shareable
  @ObjectType(`${name}Connection`, { description: `A page of ${name} records` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The records of this page, in the order of the list' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Whether more records follow, and the cursor to continue from' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many records match, counting only those the caller may read' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** Per field's nodes (one array for every item of a list, as graphql-js collects them once): whether it selects a total. */
const totalSelections = new WeakMap<GraphQLResolveInfo['fieldNodes'], boolean>();

/**
 * Whether the connection a resolver returns has `totalCount` selected, through fragments too: the page's statement
 * then counts as well (`ListQuery.withTotal`). A total under `@skip` still counts; that costs only the count.
 */
export function selectsTotalCount(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const known = totalSelections.get(info.fieldNodes);
  if (known !== undefined) return known;
  const visited = new Set<string>();
  const selects = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === 'totalCount';
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      const name = selection.name.value;
      if (visited.has(name)) return false;
      visited.add(name);
      return selects(info.fragments[name]?.selectionSet);
    });
  const selected = info.fieldNodes.some((node) => selects(node.selectionSet));
  totalSelections.set(info.fieldNodes, selected);
  return selected;
}

/**
 * Assembles a connection; the total is the one the page's statement counted (`FetchedPage.totalCount`), else computed
 * by `totalCount` only if the caller selects it, and the page's cursors (a MAC each) are encoded only if it selects
 * them: twenty cities with their policies would otherwise sign 42 unread cursors.
 */
export function toConnection<T>(page: FetchedPage<T>, totalCount: () => Promise<number>): Connection<T> {
  const { edges } = page;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges[edges.length - 1]?.cursor ?? null;
      },
    },
    // A known total is given as it is: a promise would make graphql-js await the whole connection object.
    get totalCount() {
      return page.totalCount ?? totalCount();
    },
  };
}

/** The repository side of a whole list (`ListingRepository` has it): a page, and the total. */
export interface ListSource<T, TFilter, TOrder> {
  listPage(identity: Identity, query: ListQuery<TFilter, TOrder>): Promise<FetchedPage<T>>;
  countMatching(identity: Identity, filter: TFilter | undefined): Promise<number>;
}

/** A whole list (a root query such as `policies`) as a connection; its total is counted only if the caller selects it. */
export async function listConnection<T, TFilter, TOrder>(
  source: ListSource<T, TFilter, TOrder>,
  identity: Identity,
  query: ListQuery<TFilter, TOrder>,
): Promise<Connection<T>> {
  const page = await source.listPage(identity, query);
  return toConnection(page, () => source.countMatching(identity, query.filter));
}

/** A list read straight from a keyset spec (the secretariat's views) as a connection; its total, over the same FROM, only if selected. */
export async function pageConnection<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  spec: PageSpec,
): Promise<Connection<T>> {
  const page = await fetchPage(em, entity, spec);
  return toConnection(page, () => countAll(em, spec.from));
}
