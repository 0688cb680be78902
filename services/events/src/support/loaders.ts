import DataLoader from 'dataloader';

/*
 * Loader shapes every subgraph repeats; they belong in @hrc/graph-kit next to `LoaderRegistry`.
 */

/** A per-request loader over a lookup that answers a whole batch with a map; keys it leaves out get `missing`. */
export function mapLoader<K, V>(lookup: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>, missing: V): DataLoader<K, V> {
  return new DataLoader(async (keys) => {
    const found = await lookup(keys);
    return keys.map((key) => (found.has(key) ? found.get(key)! : missing));
  });
}

/** A per-request loader of at most one record per key (null when there is none), from one lookup per batch. */
export function recordLoader<K, V>(lookup: (keys: readonly K[]) => Promise<V[]>, keyOf: (record: V) => K): DataLoader<K, V | null> {
  return mapLoader(async (keys) => new Map((await lookup(keys)).map((record) => [keyOf(record), record])), null);
}

/** A per-request loader of every record under each key, in the lookup's order, from one lookup per batch. */
export function groupLoader<K, V>(lookup: (keys: readonly K[]) => Promise<V[]>, keyOf: (record: V) => K): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const record of await lookup(keys)) groups.get(keyOf(record))?.push(record);
    return keys.map((key) => groups.get(key)!);
  });
}
