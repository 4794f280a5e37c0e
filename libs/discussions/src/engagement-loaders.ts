import DataLoader from 'dataloader';

const LOADERS = Symbol('discussions:engagement-loaders');

interface WithLoaders {
  [LOADERS]?: Map<string, DataLoader<unknown, unknown>>;
}

/**
 * A per-request DataLoader like core's `requestLoader`, but with no batch size limit: the reply
 * tree asks for up to 5,000 replies' reactions at once and must stay one statement.
 */
export function singleBatchLoader<K, V>(
  request: object,
  key: string,
  batch: (keys: readonly K[]) => Promise<V[]>,
): DataLoader<K, V> {
  const holder = request as WithLoaders;
  const loaders = (holder[LOADERS] ??= new Map());
  let loader = loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch);
    loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
