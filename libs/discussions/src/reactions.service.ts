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

const PRELOADED = Symbol('discussions:preloaded-reactions');

interface WithPreloaded {
  [PRELOADED]?: Map<string, readonly ReactionModel[]>;
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

  /**
   * Loads the reactions of these replies now, in one statement, and keeps them on the request:
   * `Reply.reactions` then answers them at once. A field that returns a promise costs a
   * 2,000-reply tree far more than the statement (a promise per reply, and the garbage), so the
   * reply tree's resolver calls this right after loading the tree.
   */
  async preloadReplies(request: object, reader: Reader, replyIds: readonly string[]) {
    if (replyIds.length === 0) return;
    const lists = await this.load('discussion_reply_reaction', 'reply_id', replyIds, reader);
    const holder = request as WithPreloaded;
    const preloaded = (holder[PRELOADED] ??= new Map());
    replyIds.forEach((id, i) => preloaded.set(id, lists[i]));
  }

  /** What `preloadReplies` loaded for this request, if it did. */
  preloaded(request: object, replyId: string): readonly ReactionModel[] | undefined {
    return (request as WithPreloaded)[PRELOADED]?.get(replyId);
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
