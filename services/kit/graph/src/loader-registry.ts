import DataLoader from 'dataloader';

/**
 * Per-request loaders keyed by their arguments, so `policies(first: 3)` on 100 cities shares one batch
 * while `policies(first: 5)` gets its own.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, args: unknown, batch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V> {
    const key = `${name}:${JSON.stringify(args ?? null)}`;
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => found.get(k) as V);
      });
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
