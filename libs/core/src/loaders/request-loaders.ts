import DataLoader from 'dataloader';

const LOADERS = Symbol('roundtable:loaders');

interface WithLoaders {
  [LOADERS]?: Map<string, DataLoader<unknown, unknown>>;
}

/**
 * One DataLoader per request and key, created on first use. Each domain names and builds its
 * own loaders (no central loader registry); the request object carries them and dies with it.
 */
export function requestLoader<K, V>(
  request: object,
  key: string,
  batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
): DataLoader<K, V> {
  const holder = request as WithLoaders;
  const loaders = (holder[LOADERS] ??= new Map());
  let loader = loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
    loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/** Orders batch results to match the keys; missing keys resolve to `fallback`. */
export function byKeys<K, V, F>(
  keys: readonly K[],
  rows: V[],
  keyOf: (row: V) => K,
  fallback: F,
): (V | F)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? fallback);
}
