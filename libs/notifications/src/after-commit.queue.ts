import { Logger } from '@nestjs/common';
import {
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';

interface Queued<T> {
  /** Transaction nesting level it was queued at (1 = the outer transaction, 2+ = savepoints). */
  depth: number;
  item: T;
}

/**
 * Holds work asked for inside a transaction until that transaction commits, and drops it on
 * rollback. Savepoints count: work queued inside a savepoint that rolls back is dropped, while
 * the outer transaction's work stays. Registered as a TypeORM subscriber; keyed by QueryRunner in
 * WeakMaps so a runner that is never committed or rolled back leaks nothing.
 */
export class AfterCommitQueue<T> implements EntitySubscriberInterface {
  private readonly logger = new Logger(AfterCommitQueue.name);
  // TypeORM keeps its own nesting depth protected, so the queue counts starts and ends itself.
  private readonly depths = new WeakMap<QueryRunner, number>();
  private readonly queued = new WeakMap<QueryRunner, Queued<T>[]>();

  /**
   * `flush` runs after the outer COMMIT on the same, still connected, runner: the caller's
   * `transaction()` resolves only once it is done, and it needs no second pool connection.
   */
  constructor(private readonly flush: (items: T[], queryRunner: QueryRunner) => Promise<void>) {}

  /** Queues `item` if `queryRunner` is inside a transaction; false means "no transaction: do it now". */
  defer(queryRunner: QueryRunner | undefined, item: T): boolean {
    if (!queryRunner || queryRunner.isReleased || !queryRunner.isTransactionActive) return false;
    // Unknown depth: the transaction began before this subscriber was registered.
    const depth = this.depths.get(queryRunner) ?? 1;
    const list = this.queued.get(queryRunner) ?? [];
    list.push({ depth, item });
    this.queued.set(queryRunner, list);
    return true;
  }

  afterTransactionStart({ queryRunner }: TransactionStartEvent): void {
    this.depths.set(queryRunner, (this.depths.get(queryRunner) ?? 0) + 1);
  }

  async afterTransactionCommit({ queryRunner }: TransactionCommitEvent): Promise<void> {
    const depth = this.leave(queryRunner);
    const list = this.queued.get(queryRunner);
    if (!list) return;
    if (queryRunner.isTransactionActive) {
      // A savepoint was released: its work now belongs to the enclosing level.
      for (const queued of list) queued.depth = Math.min(queued.depth, depth);
      return;
    }
    this.queued.delete(queryRunner);
    try {
      await this.flush(
        list.map((queued) => queued.item),
        queryRunner,
      );
    } catch (error) {
      // The caller's transaction has committed: failing it now would report a false failure.
      this.logger.error({ err: error }, 'After-commit work failed');
    }
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    const depth = this.leave(queryRunner);
    const list = this.queued.get(queryRunner);
    if (!list) return;
    const kept = queryRunner.isTransactionActive ? list.filter((q) => q.depth <= depth) : [];
    if (kept.length) this.queued.set(queryRunner, kept);
    else this.queued.delete(queryRunner);
  }

  private leave(queryRunner: QueryRunner): number {
    const depth = queryRunner.isTransactionActive
      ? Math.max((this.depths.get(queryRunner) ?? 1) - 1, 1)
      : 0;
    if (depth === 0) this.depths.delete(queryRunner);
    else this.depths.set(queryRunner, depth);
    return depth;
  }
}
