import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, assertLive, changedRows, iso } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomLog } from './room-log';
import { PollResult, countVote, pollOptionErrors, pollResults } from './polls.rules';

export const POLL_CHANGED = 'poll.changed';
/** The snapshot carries the latest polls of the session, open or closed. */
export const SNAPSHOT_POLLS = 50;

/** A poll with its live counts (never who voted for what: that is not stored). */
export interface LivePoll {
  id: string;
  question: string;
  options: PollResult[];
  total: number;
  open: boolean;
  openedAt: string;
  closedAt: string | null;
}

interface PollRow {
  id: string;
  question: string;
  options: string[];
  counts: number[];
  opened_at: Date;
  closed_at: Date | null;
  voted?: boolean;
}

const POLL_COLUMNS = 'p.id, p.question, p.options, p.counts, p.opened_at, p.closed_at';

/** Polls: facilitators open and close them; everyone in the room votes once. */
@Injectable()
export class PollsService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
  ) {}

  open(
    member: Actor,
    sessionId: string,
    question: string,
    options: string[],
  ): Promise<{ seq: number; pollId: string }> {
    const fields = pollOptionErrors(options);
    if (Object.keys(fields).length) throw RoomActivityError.invalid(fields);
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      const [row] = await manager.query<PollRow[]>(
        `INSERT INTO roundtable_poll AS p (roundtable_id, question, options, counts, opened_at)
         VALUES ($1, $2, $3::text[], $4::integer[], clock_timestamp())
         RETURNING ${POLL_COLUMNS}`,
        [sessionId, question, options, options.map(() => 0)],
      );
      const event = await append(POLL_CHANGED, { poll: toPoll(row) }, member.id);
      return { seq: event.seq, pollId: row.id };
    });
  }

  close(member: Actor, sessionId: string, pollId: string): Promise<{ seq: number }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      await this.openPoll(manager, sessionId, pollId);
      const [row] = await changedRows<PollRow>(
        manager,
        `UPDATE roundtable_poll p SET closed_at = clock_timestamp() WHERE id = $1
         RETURNING ${POLL_COLUMNS}`,
        [pollId],
      );
      const event = await append(POLL_CHANGED, { poll: toPoll(row) }, member.id);
      return { seq: event.seq };
    });
  }

  /** One vote per member and poll (a second is CONFLICT); `option` is the 0-based index. */
  vote(
    member: Actor,
    sessionId: string,
    pollId: string,
    option: number,
  ): Promise<{ seq: number; poll: LivePoll }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager);
      const poll = await this.openPoll(manager, sessionId, pollId);
      if (option >= poll.options.length) {
        throw RoomActivityError.invalid({
          option: [
            `must be the index of one of the ${poll.options.length} options (0–${poll.options.length - 1})`,
          ],
        });
      }
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO roundtable_poll_vote (poll_id, account_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING poll_id`,
        [pollId, member.id],
      );
      if (!inserted.length) {
        throw new RoomActivityError(
          RoomActivityErrorCode.ALREADY_VOTED,
          'You already voted in this poll; each member votes once.',
        );
      }
      // Counted by the rule under RoomLog's lock: no other vote can land in between.
      const [row] = await changedRows<PollRow>(
        manager,
        `UPDATE roundtable_poll p SET counts = $2::integer[] WHERE id = $1
         RETURNING ${POLL_COLUMNS}`,
        [pollId, countVote(poll.counts, option)],
      );
      const live = toPoll(row);
      const event = await append(POLL_CHANGED, { poll: live }, member.id);
      return { seq: event.seq, poll: live };
    });
  }

  /** The snapshot: the latest polls, oldest first, and whether the viewer voted in each. */
  async snapshot(
    manager: EntityManager,
    sessionId: string,
    viewer: AuthenticatedMember,
  ): Promise<Array<LivePoll & { voted: boolean }>> {
    const rows = await manager.query<PollRow[]>(
      `SELECT * FROM (
         SELECT ${POLL_COLUMNS}, EXISTS (SELECT 1 FROM roundtable_poll_vote v
                                          WHERE v.poll_id = p.id AND v.account_id = $2) AS voted
           FROM roundtable_poll p WHERE p.roundtable_id = $1
          ORDER BY p.opened_at DESC, p.id DESC LIMIT ${SNAPSHOT_POLLS}) latest
        ORDER BY opened_at, id`,
      [sessionId, viewer.id],
    );
    return rows.map((row) => ({ ...toPoll(row), voted: row.voted ?? false }));
  }

  /** The record: every poll's results, counts only. */
  async record(manager: EntityManager, sessionId: string) {
    const rows = await manager.query<PollRow[]>(
      `SELECT ${POLL_COLUMNS} FROM roundtable_poll p WHERE p.roundtable_id = $1
        ORDER BY p.opened_at, p.id`,
      [sessionId],
    );
    return rows.map(toPoll);
  }

  private async openPoll(manager: EntityManager, sessionId: string, pollId: string) {
    const [row] = await manager.query<PollRow[]>(
      `SELECT ${POLL_COLUMNS} FROM roundtable_poll p WHERE p.id = $1 AND p.roundtable_id = $2`,
      [pollId, sessionId],
    );
    if (!row) {
      throw new RoomActivityError(
        RoomActivityErrorCode.POLL_NOT_FOUND,
        `This session has no poll with the id "${pollId}".`,
      );
    }
    if (row.closed_at) {
      throw new RoomActivityError(RoomActivityErrorCode.POLL_CLOSED, 'This poll is closed.');
    }
    return row;
  }
}

function toPoll(row: PollRow): LivePoll {
  const options = pollResults(row.options, row.counts);
  return {
    id: row.id,
    question: row.question,
    options,
    total: options.reduce((sum, option) => sum + option.votes, 0),
    open: row.closed_at === null,
    openedAt: row.opened_at.toISOString(),
    closedAt: iso(row.closed_at),
  };
}
