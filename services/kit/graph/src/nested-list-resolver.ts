import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root, type ClassType } from 'type-graphql';

import type { ListQuery } from '@hrc/service-kit';

import { PageArgs, selectsTotalCount, type Connection } from './connection';

/** What a nested list reads through: `NestedListLoaders` has it. */
export interface NestedListReader<TFilter, TOrder, TParent extends string> {
  connectionOf(parent: TParent, parentKey: string, query: ListQuery<TFilter, TOrder>): Promise<Connection<unknown>>;
}

export interface NestedListField<TContext, TFilter extends object, TOrder, TParent extends string> {
  /** The field's name on each parent type, for example "policies". */
  field: string;
  /** The connection type it returns, `ConnectionType(Policy)`. */
  connection: ClassType<object>;
  /** The input type of its `filter` argument. */
  filter: ClassType<TFilter>;
  /** The input type of its `orderBy` argument, for a list that offers a choice of order; its `field` is the order. */
  orderBy?: ClassType<{ field?: TOrder }>;
  /** The request's loaders of the list. */
  loaders(ctx: TContext): NestedListReader<TFilter, TOrder, TParent>;
}

/**
 * `<Parent>.<field>(first, after, filter, orderBy)` for a list nested under several types, written once: call the
 * returned factory once per parent type (in the folder of that type, next to its stub) with the parent key its
 * records are grouped by. One statement pages the list of every parent in a response, and counts them too when
 * `totalCount` is selected.
 */
export function nestedListResolverFactory<
  TContext,
  TFilter extends object,
  TOrder = never,
  TParent extends string = string,
>(
  list: NestedListField<TContext, TFilter, TOrder, TParent>,
): (parentType: ClassType<{ id: string }>, parent: TParent, description?: string) => Function {
  return (parentType, parent, description) => {
    @Resolver(() => parentType)
    class NestedListResolver {}
    const prototype = NestedListResolver.prototype as unknown as Record<string, unknown>;
    const { field } = list;

    // type-graphql finds a field resolver by its method name, so the method is named after its field.
    prototype[field] = (
      record: { id: string },
      ctx: TContext,
      info: GraphQLResolveInfo,
      page: PageArgs,
      filter?: TFilter,
      orderBy?: { field?: TOrder },
    ) =>
      list.loaders(ctx).connectionOf(parent, record.id, {
        filter,
        order: orderBy?.field,
        first: page.first,
        after: page.after,
        withTotal: selectsTotalCount(info),
      });
    // Parameter decorators, last parameter first, as TypeScript applies them: the schema lists the arguments alike.
    if (list.orderBy)
      Arg('orderBy', () => list.orderBy!, {
        nullable: true,
        description: 'The order; when absent, the default its field values name',
      })(prototype, field, 5);
    Arg('filter', () => list.filter, { nullable: true, description: 'Only records matching every condition given' })(
      prototype,
      field,
      4,
    );
    Args(() => PageArgs)(prototype, field, 3);
    Info()(prototype, field, 2);
    Ctx()(prototype, field, 1);
    Root()(prototype, field, 0);
    FieldResolver(() => list.connection, { description })(
      prototype,
      field,
      Object.getOwnPropertyDescriptor(prototype, field)!,
    );

    const name = `${parentType.name}${field[0]!.toUpperCase()}${field.slice(1)}Resolver`;
    Object.defineProperty(NestedListResolver, 'name', { value: name });
    return NestedListResolver;
  };
}
