import { graphql, printType, type GraphQLObjectType } from 'graphql';
import { buildSchema, Field, ID, InputType, ObjectType, Query, Resolver } from 'type-graphql';

import { toConnection, ConnectionType, nestedListResolverFactory, type NestedListReader } from '../src';

@ObjectType()
class Shelf {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
class Book {
  @Field()
  title!: string;
}

@InputType()
class BookFilter {
  @Field({ nullable: true })
  author?: string;
}

enum BookOrderField {
  TITLE = 'TITLE',
}

@InputType()
class BookOrder {
  @Field(() => String)
  field!: BookOrderField;
}

const BookConnection = ConnectionType(Book);

@Resolver()
class ShelvesResolver {
  @Query(() => [Shelf])
  shelves(): Shelf[] {
    return [{ id: 's1' }, { id: 's2' }];
  }
}

interface ShelfContext {
  asked: unknown[];
}

const createShelfBooksResolver = nestedListResolverFactory<ShelfContext, BookFilter, BookOrderField, 'shelf'>({
  field: 'books',
  connection: BookConnection,
  filter: BookFilter,
  orderBy: BookOrder,
  loaders: (ctx): NestedListReader<BookFilter, BookOrderField, 'shelf'> => ({
    async connectionOf(parent, parentKey, query) {
      ctx.asked.push({ parent, parentKey, ...query });
      const page = {
        edges: [{ node: { title: `${parentKey} book` }, cursor: 'c' }],
        hasNextPage: false,
        hasPreviousPage: false,
      };
      return toConnection(page, async () => 1);
    },
  }),
});
const ShelfBooksResolver = createShelfBooksResolver(Shelf, 'shelf', 'The books on the shelf');

describe('a nested list field written once for many parent types', () => {
  let schema: Awaited<ReturnType<typeof buildSchema>>;
  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [ShelvesResolver, ShelfBooksResolver], skipCheck: true, validate: false });
  });

  test('is named after the parent type and the field', () => {
    expect(ShelfBooksResolver.name).toBe('ShelfBooksResolver');
  });

  test('declares its arguments in the order hand-written resolvers do', () => {
    const shelf = printType(schema.getType('Shelf') as GraphQLObjectType);
    expect(shelf).toContain('"""The books on the shelf"""');
    const books = (schema.getType('Shelf') as GraphQLObjectType).getFields().books!;
    expect(books.args.map((arg) => `${arg.name}: ${String(arg.type)}`)).toEqual([
      'orderBy: BookOrder',
      'filter: BookFilter',
      'first: Int!',
      'after: String',
    ]);
    expect(String(books.type)).toBe('BookConnection!');
  });

  test("reads each parent's list through the loaders, with the page, filter and order asked for", async () => {
    const context: ShelfContext = { asked: [] };
    const result = await graphql({
      schema,
      source:
        '{ shelves { books(first: 3, filter: { author: "Kim" }, orderBy: { field: "TITLE" }) { totalCount edges { node { title } } } } }',
      contextValue: context,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      shelves: [
        { books: { totalCount: 1, edges: [{ node: { title: 's1 book' } }] } },
        { books: { totalCount: 1, edges: [{ node: { title: 's2 book' } }] } },
      ],
    });
    expect(context.asked).toEqual([
      expect.objectContaining({
        parent: 'shelf',
        parentKey: 's1',
        first: 3,
        after: undefined,
        filter: { author: 'Kim' },
        order: 'TITLE',
      }),
      expect.objectContaining({ parent: 'shelf', parentKey: 's2', first: 3 }),
    ]);
  });
});
