import { EntityManager } from 'typeorm';
import { DELETE_BATCH, deleteInBatches } from './batched-delete';

describe('deleteInBatches', () => {
  it('runs the statement again while a whole batch went, and adds up what was deleted', async () => {
    const counts = [DELETE_BATCH, DELETE_BATCH, 7];
    const query = jest.fn(async () => [[], counts.shift()]);
    const total = await deleteInBatches(
      { query } as unknown as EntityManager,
      'DELETE ... LIMIT $2',
      [30],
    );
    expect(total).toBe(2 * DELETE_BATCH + 7);
    expect(query).toHaveBeenCalledTimes(3);
    expect(query).toHaveBeenLastCalledWith('DELETE ... LIMIT $2', [30, DELETE_BATCH]);
  });

  it('stops after one statement when nothing is left', async () => {
    const query = jest.fn(async () => [[], 0]);
    expect(await deleteInBatches({ query } as unknown as EntityManager, 'DELETE', [])).toBe(0);
    expect(query).toHaveBeenCalledTimes(1);
  });
});
