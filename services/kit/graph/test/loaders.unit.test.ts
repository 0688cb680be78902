import DataLoader from 'dataloader';

import { ANONYMOUS, type FetchedPage, type ListQuery } from '@hrc/service-kit';

import {
  groupLoader,
  listConnection,
  loadByIdOrSlug,
  mapLoader,
  NestedListLoaders,
  recordLoader,
  toConnection,
} from '../src';

/** A lookup that records the batches it is asked for. */
function recorded<K, V>(answer: (keys: readonly K[]) => V) {
  const batches: K[][] = [];
  const lookup = async (keys: readonly K[]) => {
    batches.push([...keys]);
    return answer(keys);
  };
  return { batches, lookup };
}

function pageOf(...nodes: string[]): FetchedPage<string> {
  return { edges: nodes.map((node) => ({ node, cursor: `c-${node}` })), hasNextPage: false, hasPreviousPage: false };
}

describe('loaders over one lookup per batch', () => {
  test('mapLoader: one lookup for the batch, `missing` for keys it leaves out', async () => {
    const { batches, lookup } = recorded(
      (keys: readonly string[]) => new Map(keys.filter((key) => key !== 'b').map((key) => [key, key.length])),
    );
    const loader = mapLoader(lookup, 0);
    await expect(Promise.all([loader.load('a'), loader.load('b'), loader.load('ccc')])).resolves.toEqual([1, 0, 3]);
    expect(batches).toEqual([['a', 'b', 'ccc']]);
  });

  test('recordLoader: the record of each key, null for a key with none', async () => {
    const { batches, lookup } = recorded((years: readonly number[]) =>
      years.filter((year) => year !== 2020).map((year) => ({ year, theme: `theme ${year}` })),
    );
    const loader = recordLoader(lookup, (edition) => edition.year);
    await expect(Promise.all([loader.load(2019), loader.load(2020)])).resolves.toEqual([
      { year: 2019, theme: 'theme 2019' },
      null,
    ]);
    expect(batches).toEqual([[2019, 2020]]);
  });

  test('groupLoader: every record of each key in the lookup order, an empty list for a key with none', async () => {
    const rows = [
      { city: 'x', year: 2011 },
      { city: 'y', year: 2012 },
      { city: 'x', year: 2015 },
    ];
    const loader = groupLoader(
      async (cities: readonly string[]) => rows.filter((row) => cities.includes(row.city)),
      (row) => row.city,
    );
    await expect(Promise.all([loader.load('x'), loader.load('z')])).resolves.toEqual([[rows[0], rows[2]], []]);
  });
});

describe('a record asked for by id or slug', () => {
  const loaders = {
    byId: new DataLoader<string, string | null>(async (ids) => ids.map((id) => `by id ${id}`)),
    bySlug: new DataLoader<string, string | null>(async (slugs) => slugs.map((slug) => `by slug ${slug}`)),
  };

  const naming = (field: string) =>
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) });

  test('takes exactly one of them', async () => {
    await expect(loadByIdOrSlug(loaders, 'x', undefined)).resolves.toBe('by id x');
    await expect(loadByIdOrSlug(loaders, null, 'york')).resolves.toBe('by slug york');
    expect(() => loadByIdOrSlug(loaders, 'x', 'york')).toThrow(naming('id'));
    expect(() => loadByIdOrSlug(loaders, undefined, null)).toThrow(naming('id'));
  });
});

describe('lists as connections', () => {
  type Filter = { theme?: string };

  /** A nested list source over fixed pages, recording what it is asked for. */
  function nestedSource() {
    const calls: string[] = [];
    return {
      calls,
      async pagesByParent(_identity: unknown, parent: string, query: ListQuery<Filter>, keys: readonly string[]) {
        calls.push(`pages of ${parent} ${keys.join(',')} first ${query.first}`);
        return new Map(keys.map((key) => [key, pageOf(`${key}-1`, `${key}-2`)]));
      },
      async countsByParent(_identity: unknown, parent: string, filter: Filter | undefined, keys: readonly string[]) {
        calls.push(`counts of ${parent} ${keys.join(',')} theme ${filter?.theme ?? 'any'}`);
        return new Map(keys.map((key) => [key, key.length * 10]));
      },
    };
  }

  test('the lists of many parents load in one batch, and their totals only when asked for', async () => {
    const source = nestedSource();
    const loaders = new NestedListLoaders<string, Filter, never, 'city'>('policies', source, ANONYMOUS);
    const query = { filter: { theme: 'HOUSING' }, first: 2 };
    const [a, bb] = await Promise.all([
      loaders.connectionOf('city', 'a', query),
      loaders.connectionOf('city', 'bb', query),
    ]);
    expect(a.edges.map((edge) => edge.node)).toEqual(['a-1', 'a-2']);
    expect(a.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: 'c-a-1',
      endCursor: 'c-a-2',
    });
    expect(source.calls).toEqual(['pages of city a,bb first 2']);
    await expect(Promise.all([a.totalCount, bb.totalCount])).resolves.toEqual([10, 20]);
    expect(source.calls).toEqual(['pages of city a,bb first 2', 'counts of city a,bb theme HOUSING']);
  });

  test('a different page size is a different batch', async () => {
    const source = nestedSource();
    const loaders = new NestedListLoaders<string, Filter, never, 'city'>('policies', source, ANONYMOUS);
    await Promise.all([
      loaders.connectionOf('city', 'a', { first: 1 }),
      loaders.connectionOf('city', 'b', { first: 2 }),
    ]);
    expect(source.calls.sort()).toEqual(['pages of city a first 1', 'pages of city b first 2']);
  });

  test('a whole list counts its total only when asked for', async () => {
    let counted = 0;
    const source = {
      listPage: async () => pageOf('only'),
      countMatching: async (_identity: unknown, filter: Filter | undefined) => {
        counted += 1;
        return filter?.theme === 'HOUSING' ? 1 : 0;
      },
    };
    const connection = await listConnection(source, ANONYMOUS, { filter: { theme: 'HOUSING' }, first: 5 });
    expect(connection.edges).toEqual([{ node: 'only', cursor: 'c-only' }]);
    expect(counted).toBe(0);
    await expect(connection.totalCount).resolves.toBe(1);
  });
});

test("a connection's total counted with its page is given as a number, so graphql-js need not await the connection", async () => {
  const counted = toConnection({ edges: [], hasNextPage: false, hasPreviousPage: false, totalCount: 7 }, async () => 0);
  expect(counted.totalCount).toBe(7);
  const uncounted = toConnection({ edges: [], hasNextPage: false, hasPreviousPage: false }, async () => 3);
  await expect(uncounted.totalCount).resolves.toBe(3);
});
