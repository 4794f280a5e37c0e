import { Logger } from '@nestjs/common';
import {
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
import { AfterCommitQueue } from './after-commit.queue';

/** Plays a QueryRunner's transaction calls the way TypeORM's PostgresQueryRunner broadcasts them. */
class FakeRunner {
  isTransactionActive = false;
  isReleased = false;
  private depth = 0;

  constructor(private readonly queue: AfterCommitQueue<string>) {}

  get runner(): QueryRunner {
    return this as unknown as QueryRunner;
  }

  start(): void {
    this.isTransactionActive = true;
    this.depth += 1;
    this.queue.afterTransactionStart({ queryRunner: this.runner } as TransactionStartEvent);
  }

  async commit(): Promise<void> {
    if (this.depth === 1) this.isTransactionActive = false;
    this.depth -= 1;
    await this.queue.afterTransactionCommit({ queryRunner: this.runner } as TransactionCommitEvent);
  }

  rollback(): void {
    if (this.depth === 1) this.isTransactionActive = false;
    this.depth -= 1;
    this.queue.afterTransactionRollback({ queryRunner: this.runner } as TransactionRollbackEvent);
  }
}

describe('AfterCommitQueue', () => {
  let flushed: string[][];
  let queue: AfterCommitQueue<string>;
  let tx: FakeRunner;

  beforeEach(() => {
    flushed = [];
    queue = new AfterCommitQueue<string>(async (items) => {
      flushed.push(items);
    });
    tx = new FakeRunner(queue);
  });

  it('does not queue without a transaction', () => {
    expect(queue.defer(undefined, 'a')).toBe(false);
    expect(queue.defer(tx.runner, 'a')).toBe(false);
  });

  it('flushes once, after the outer commit, in order', async () => {
    tx.start();
    expect(queue.defer(tx.runner, 'a')).toBe(true);
    expect(queue.defer(tx.runner, 'b')).toBe(true);
    expect(flushed).toEqual([]);
    await tx.commit();
    expect(flushed).toEqual([['a', 'b']]);
    tx.start();
    await tx.commit();
    expect(flushed).toEqual([['a', 'b']]);
  });

  it('drops everything on rollback', async () => {
    tx.start();
    queue.defer(tx.runner, 'a');
    tx.rollback();
    tx.start();
    await tx.commit();
    expect(flushed).toEqual([]);
  });

  it('drops only what a rolled-back savepoint queued', async () => {
    tx.start();
    queue.defer(tx.runner, 'outer');
    tx.start();
    queue.defer(tx.runner, 'inner');
    tx.rollback();
    await tx.commit();
    expect(flushed).toEqual([['outer']]);
  });

  it('keeps a released savepoint’s work with the enclosing transaction', async () => {
    tx.start();
    tx.start();
    queue.defer(tx.runner, 'released');
    await tx.commit();
    expect(flushed).toEqual([]);
    tx.start();
    queue.defer(tx.runner, 'rolled-back');
    tx.rollback();
    await tx.commit();
    expect(flushed).toEqual([['released']]);
  });

  it('drops a released savepoint’s work when the outer transaction rolls back', async () => {
    tx.start();
    tx.start();
    queue.defer(tx.runner, 'released');
    await tx.commit();
    tx.rollback();
    expect(flushed).toEqual([]);
  });

  it('never fails the committed caller when the flush fails', async () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const failing = new AfterCommitQueue<string>(() => Promise.reject(new Error('boom')));
    const other = new FakeRunner(failing);
    other.start();
    failing.defer(other.runner, 'a');
    await expect(other.commit()).resolves.toBeUndefined();
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
