import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { Actor, isFacilitator, lockRoundtable, wrongState } from './roundtable-access';
import { formatWhen, roundtablePath } from './roundtable.mapper';
import { isOpen, placeFor } from './roundtable-rules';
import { RegistrationEntity } from './registration.entity';
import { RoundtableEntity } from './roundtable.entity';
import { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';

export interface SeatCounts {
  registered: number;
  waitlisted: number;
}

/**
 * Seats and the waitlist. Every write here holds the roundtable's row lock, so concurrent
 * registrations are counted one after another and never over-fill a session; positions on the
 * waitlist stay 1, 2, 3... in arrival order.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /** A seat if one is free, else the end of the waitlist; registering twice returns the first. */
  register(actor: Actor, roundtableId: string): Promise<RegistrationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const roundtable = await lockRoundtable(manager, roundtableId);
      const repo = manager.getRepository(RegistrationEntity);
      const existing = await repo.findOneBy({ roundtableId, accountId: actor.id });
      if (existing) return existing;
      if (!isOpen(roundtable.state)) {
        throw wrongState(roundtable, 'registration is closed.');
      }
      if (await isFacilitator(manager, roundtableId, actor.id)) {
        throw new RoundtablesError(
          RoundtablesErrorCode.FACILITATORS_NEED_NO_SEAT,
          `You facilitate "${roundtable.title}": facilitators need no seat and are always let in.`,
        );
      }
      const place = placeFor(await this.counts(manager, roundtableId), roundtable.capacity);
      // clock_timestamp(), not now() (the transaction's start): registeredAt then follows the
      // order in which registrations took the lock, which is the order of the queue.
      await repo.insert({
        roundtableId,
        accountId: actor.id,
        ...place,
        createdAt: () => 'clock_timestamp()',
        updatedAt: () => 'clock_timestamp()',
      });
      return repo.findOneByOrFail({ roundtableId, accountId: actor.id });
    });
  }

  /**
   * Gives up a seat or a waitlist place; the first waiting member takes a freed seat and is
   * notified. Cancelling without a registration changes nothing.
   */
  cancel(actor: Actor, roundtableId: string): Promise<RoundtableEntity> {
    return this.dataSource.transaction(async (manager) => {
      const roundtable = await lockRoundtable(manager, roundtableId);
      const repo = manager.getRepository(RegistrationEntity);
      const existing = await repo.findOneBy({ roundtableId, accountId: actor.id });
      if (!existing) return roundtable;
      if (!isOpen(roundtable.state)) {
        throw wrongState(roundtable, 'its registrations are kept as they were.');
      }
      await repo.delete({ roundtableId, accountId: actor.id });
      await this.rebalance(manager, roundtable);
      return roundtable;
    });
  }

  /** Registered and waitlisted counts of one roundtable (call under its lock to rely on them). */
  async counts(manager: EntityManager, roundtableId: string): Promise<SeatCounts> {
    const rows: SeatCounts[] = await manager.query(
      `SELECT count(*) FILTER (WHERE status = 'REGISTERED')::int AS registered,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
         FROM roundtable_registration WHERE roundtable_id = $1`,
      [roundtableId],
    );
    return rows[0] ?? { registered: 0, waitlisted: 0 };
  }

  /**
   * Under the roundtable's lock: fills free seats from the head of the waitlist (notifying each
   * member promoted, once the transaction commits), then renumbers the waitlist 1, 2, 3...
   */
  async rebalance(manager: EntityManager, roundtable: RoundtableEntity): Promise<string[]> {
    const promoted: Array<{ account_id: string }> = await manager.query(
      `WITH free AS (
         SELECT greatest($2::int - count(*), 0) AS seats FROM roundtable_registration
          WHERE roundtable_id = $1 AND status = 'REGISTERED'),
       next AS (
         SELECT account_id FROM roundtable_registration
          WHERE roundtable_id = $1 AND status = 'WAITLISTED'
          ORDER BY position, created_at LIMIT (SELECT seats FROM free)),
       moved AS (
         UPDATE roundtable_registration SET status = 'REGISTERED', position = NULL, updated_at = now()
          WHERE roundtable_id = $1 AND account_id IN (SELECT account_id FROM next)
          RETURNING account_id)
       SELECT account_id FROM moved`,
      [roundtable.id, roundtable.capacity],
    );
    await manager.query(
      `UPDATE roundtable_registration r SET position = q.n
         FROM (SELECT account_id, row_number() OVER (ORDER BY position, created_at)::int AS n
                 FROM roundtable_registration
                WHERE roundtable_id = $1 AND status = 'WAITLISTED') q
        WHERE r.roundtable_id = $1 AND r.account_id = q.account_id
          AND r.position IS DISTINCT FROM q.n`,
      [roundtable.id],
    );
    for (const { account_id: memberId } of promoted) {
      await this.notifications.notify(
        memberId,
        NotificationKind.WAITLIST_PROMOTED,
        {
          title: `A seat freed up: you are registered for "${roundtable.title}" on ${formatWhen(roundtable.startsAt)}.`,
          link: roundtablePath(roundtable.id),
        },
        manager,
      );
    }
    return promoted.map((row) => row.account_id);
  }

  /** Everyone holding a seat or a waitlist place (for cancellation notices). */
  async holders(manager: EntityManager, roundtableId: string): Promise<string[]> {
    const rows = await manager
      .getRepository(RegistrationEntity)
      .find({ where: { roundtableId }, select: { accountId: true } });
    return rows.map((row) => row.accountId);
  }
}
