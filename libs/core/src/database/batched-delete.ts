import { EntityManager } from 'typeorm';

/** Rows one statement deletes at most: short statements, short locks, on a live table. */
export const DELETE_BATCH = 5000;

/**
 * Runs `sql`, a DELETE of at most DELETE_BATCH rows (`... WHERE id IN (SELECT id ... LIMIT $n)`,
 * with `$n` its last parameter), until a run deletes fewer; answers how many rows went in all.
 * Safe on several nodes at once: each statement deletes what is still there.
 */
export async function deleteInBatches(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<number> {
  let total = 0;
  for (;;) {
    const [, deleted] = await manager.query<[unknown[], number]>(sql, [...params, DELETE_BATCH]);
    total += deleted;
    if (deleted < DELETE_BATCH) return total;
  }
}
