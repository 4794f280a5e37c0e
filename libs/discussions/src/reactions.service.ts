import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { DiscussionsError } from './discussions.errors';
import { ToggleReactionInput } from './dto/engagement.inputs';
import { EngagementError, EngagementErrorCode } from './engagement.errors';
import { singleBatchLoader } from './engagement-loaders';
import { ReactionModel } from './engagement.models';
import { REACTION_KINDS, ReactionKind } from './reaction-kind';
import { Reader, isStaff } from './reader';

interface CountRow {
  id: string;
  kind: ReactionKind;
  count: number;
  mine: boolean | null;
}

interface Target {
  table: 'discussion_thread_reaction' | 'discussion_reply_reaction';
  column: 'thread_id' | 'reply_id';
  id: string;
  threadId: string;
  replyId: string | null;
}

/** All three kinds, in order, zero where nobody reacted. */
export function summarise(rows: readonly Omit<CountRow, 'id'>[]): ReactionModel[] {
  return REACTION_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { kind, count: row?.count ?? 0, mine: row?.mine === true };
  });
}

const NONE: readonly ReactionModel[] = Object.freeze(summarise([]));

/** The columns `replyReactionRowsSql` gives per kind: its count, and whether the reader gave it. */
const KIND_COLUMNS = REACTION_KINDS.map((kind) => ({
  kind,
  count: `${kind.toLowerCase()}_count`,
  mine: `${kind.toLowerCase()}_mine`,
}));

/**
 * The reactions on a thread's replies, one row per reply that has any: `reply_id` and, per kind,
 * `<kind>_count` and `<kind>_mine` (plain columns: cheaper to aggregate and to read than arrays),
 * to join into a statement that reads replies: the reply tree carries them in its own statement.
 * Arguments are SQL parameter references and a subquery of reply ids, never user input.
 */
export function replyReactionRowsSql(thread: string, reader: string, replyIds: string): string {
  const columns = KIND_COLUMNS.map(
    ({ kind, count, mine }) =>
      `count(*) FILTER (WHERE kind = '${kind}')::int AS ${count},
       coalesce(bool_or(member_id = ${reader}) FILTER (WHERE kind = '${kind}'), false) AS ${mine}`,
  );
  return `(SELECT reply_id, ${columns.join(', ')}
             FROM discussion_reply_reaction
            WHERE thread_id = ${thread} AND reply_id IN (${replyIds})
            GROUP BY reply_id)`;
}

/** The names of `replyReactionRowsSql`'s columns, to select them from its alias. */
export function replyReactionColumns(alias: string): string {
  return KIND_COLUMNS.map(({ count, mine }) => `${alias}.${count}, ${alias}.${mine}`).join(', ');
}

/** The reactions of a row with `replyReactionRowsSql`'s columns (null where nobody reacted). */
export function reactionsFromRow(row: object): readonly ReactionModel[] {
  const value = row as Record<string, number | boolean | null | undefined>;
  if (value[KIND_COLUMNS[0].count] == null) return NONE;
  return KIND_COLUMNS.map(({ kind, count, mine }) => ({
    kind,
    count: Number(value[count] ?? 0),
    mine: value[mine] === true,
  }));
}

/** Takes the reaction back if given, else gives it; answers +1 or -1. One statement, one row. */
const toggleSql = (table: string, column: string, extra: { column: string; value: string }) => `
  WITH removed AS (
    DELETE FROM ${table} WHERE ${column} = $1 AND member_id = $2 AND kind = $3 RETURNING 1),
  added AS (
    INSERT INTO ${table} (${column}, member_id, kind${extra.column})
    SELECT $1, $2, $3${extra.value} WHERE NOT EXISTS (SELECT 1 FROM removed)
    ON CONFLICT DO NOTHING RETURNING 1)
  SELECT (SELECT count(*) FROM added)::int - (SELECT count(*) FROM removed)::int AS added`;
const TOGGLE_THREAD_SQL = toggleSql('discussion_thread_reaction', 'thread_id', {
  column: '',
  value: '',
});
const TOGGLE_REPLY_SQL = toggleSql('discussion_reply_reaction', 'reply_id', {
  column: ', thread_id',
  value: ', $4::uuid',
});

/** Reactions on threads and replies: toggling them, and reading them batched per request. */
@Injectable()
export class ReactionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Gives or takes back one reaction. The thread row is locked first (as every discussions
   * writer does), so toggles on one thread serialise: each one flips exactly one row, the counts
   * read after it are exact, and the REACTION event numbered in the same transaction carries them.
   * Each reaction, any kind, also adds one to the thread's TOP score.
   */
  async toggle(actor: AuthenticatedMember, input: ToggleReactionInput): Promise<ReactionModel[]> {
    if (!input.threadId === !input.replyId) {
      throw new EngagementError(
        EngagementErrorCode.TARGET_REQUIRED,
        'Give exactly one of threadId or replyId: the post you react to.',
        { fields: { input: ['needs exactly one of threadId or replyId'] } },
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const target = await this.lockTarget(actor, input, manager);
      const [flip] = await manager.query<Array<{ added: number }>>(
        target.replyId ? TOGGLE_REPLY_SQL : TOGGLE_THREAD_SQL,
        [target.id, actor.id, input.kind, ...(target.replyId ? [target.threadId] : [])],
      );
      await manager.query('UPDATE discussion_thread SET score = score + $2 WHERE id = $1', [
        target.threadId,
        flip.added,
      ]);
      const rows = await manager.query<CountRow[]>(
        `SELECT kind, count(*)::int AS count, bool_or(member_id = $2) AS mine
           FROM ${target.table} WHERE ${target.column} = $1 GROUP BY kind`,
        [target.id, actor.id],
      );
      const reactions = summarise(rows);
      await manager.query(`SELECT discussion_record_thread_event($1, 'REACTION', $2, $3::jsonb)`, [
        target.threadId,
        target.replyId,
        JSON.stringify({ reactions: reactions.map(({ kind, count }) => ({ kind, count })) }),
      ]);
      return reactions;
    });
  }

  /** Locks the thread, then checks the target is there for this member and not their own. */
  private async lockTarget(
    actor: AuthenticatedMember,
    input: ToggleReactionInput,
    manager: EntityManager,
  ): Promise<Target> {
    const [thread] = await manager.query<
      Array<{ id: string; author_id: string; hidden_at: Date | null; deleted_at: Date | null }>
    >(
      `SELECT id, author_id, hidden_at, deleted_at FROM discussion_thread
        WHERE id = coalesce($1::uuid, (SELECT thread_id FROM discussion_reply WHERE id = $2::uuid))
        FOR UPDATE`,
      [input.threadId ?? null, input.replyId ?? null],
    );
    const threadGone = !thread || thread.deleted_at || (thread.hidden_at && !isStaff(actor));
    if (!input.replyId) {
      if (threadGone) throw DiscussionsError.threadNotFound();
      if (thread.author_id === actor.id) throw ownPost();
      return {
        table: 'discussion_thread_reaction',
        column: 'thread_id',
        id: thread.id,
        threadId: thread.id,
        replyId: null,
      };
    }
    const [reply] = await manager.query<
      Array<{ author_id: string; hidden_at: Date | null; deleted_at: Date | null }>
    >('SELECT author_id, hidden_at, deleted_at FROM discussion_reply WHERE id = $1', [
      input.replyId,
    ]);
    if (threadGone || !reply || reply.deleted_at || (reply.hidden_at && !isStaff(actor))) {
      throw DiscussionsError.replyNotFound();
    }
    if (reply.author_id === actor.id) throw ownPost();
    return {
      table: 'discussion_reply_reaction',
      column: 'reply_id',
      id: input.replyId,
      threadId: thread.id,
      replyId: input.replyId,
    };
  }

  /** Reactions of replies by id for this reader: one statement however many replies. */
  replyLoader(request: object, reader: Reader): DataLoader<string, readonly ReactionModel[]> {
    return singleBatchLoader(request, 'discussions.reactions.reply', (ids: readonly string[]) =>
      this.load('discussion_reply_reaction', 'reply_id', ids, reader),
    );
  }

  threadLoader(request: object, reader: Reader): DataLoader<string, readonly ReactionModel[]> {
    return singleBatchLoader(request, 'discussions.reactions.thread', (ids: readonly string[]) =>
      this.load('discussion_thread_reaction', 'thread_id', ids, reader),
    );
  }

  /** For placeholders, which show no reactions. */
  none(): readonly ReactionModel[] {
    return NONE;
  }

  private async load(
    table: Target['table'],
    column: Target['column'],
    ids: readonly string[],
    reader: Reader,
  ): Promise<(readonly ReactionModel[])[]> {
    const rows = await this.dataSource.query<CountRow[]>(
      `SELECT ${column} AS id, kind, count(*)::int AS count, bool_or(member_id = $2) AS mine
         FROM ${table} WHERE ${column} = ANY($1::uuid[]) GROUP BY ${column}, kind`,
      [ids, reader?.id ?? null],
    );
    const byId = new Map<string, CountRow[]>();
    for (const row of rows) {
      const list = byId.get(row.id);
      if (list) list.push(row);
      else byId.set(row.id, [row]);
    }
    return ids.map((id) => {
      const list = byId.get(id);
      return list ? summarise(list) : NONE;
    });
  }
}

function ownPost(): EngagementError {
  return new EngagementError(
    EngagementErrorCode.OWN_POST,
    'You cannot react to your own post; reactions are how peers tell you it helped.',
  );
}
