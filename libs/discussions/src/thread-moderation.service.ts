import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { byKeys, requestLoader } from '@app/core';
import { TagsService } from '@app/members';
import { SearchService } from '@app/search';
import { DiscussionsError, DiscussionsErrorCode } from './discussions.errors';
import { DiscussionsSearch, REPLY_DOC, THREAD_DOC } from './discussions-search';
import { MAX_TAGS } from './dto/thread.inputs';
import { MAX_POSITION, segment } from './reply-path';
import { SpaceVisibility } from './space.entity';
import { SpacesService } from './spaces.service';

/** A thread as moderation sees it: hidden ones included, deleted ones not. */
export interface ModeratedThread {
  id: string;
  title: string;
  body: string;
  authorId: string;
  spaceId: string;
  spaceSlug: string;
  spaceName: string;
  tags: string[];
  replyCount: number;
  hidden: boolean;
  locked: boolean;
  pinned: boolean;
  mergedIntoId: string | null;
}

/** A reply as moderation sees it, with its thread's title for messages. */
export interface ModeratedReply {
  id: string;
  threadId: string;
  threadTitle: string;
  authorId: string;
  body: string;
  hidden: boolean;
}

export interface ThreadFlags {
  pinnedAt: Date | null;
  mergedIntoId: string | null;
}

type ThreadStateRow = ModeratedThread & { spaceVisibility: SpaceVisibility };

const THREAD_STATE_SQL = `
  SELECT t.id, t.title, t.body, t.author_id AS "authorId", t.space_id AS "spaceId",
         s.slug AS "spaceSlug", s.name AS "spaceName", t.tags, t.reply_count AS "replyCount",
         t.hidden_at IS NOT NULL AS hidden, t.locked_at IS NOT NULL AS locked,
         t.pinned_at IS NOT NULL AS pinned, t.merged_into_id AS "mergedIntoId",
         s.visibility AS "spaceVisibility"
    FROM discussion_thread t JOIN discussion_space s ON s.id = t.space_id
   WHERE t.deleted_at IS NULL`;

/**
 * What moderators do to threads beyond hiding and locking (DiscussionsService): pin, move,
 * merge and retag. Rights and the audit are the caller's (moderation); pass its transaction's
 * `manager` so that everything commits together. Search documents follow in the same transaction.
 */
@Injectable()
export class ThreadModeration {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesService,
    private readonly tags: TagsService,
    private readonly search: SearchService,
    private readonly documents: DiscussionsSearch,
  ) {}

  /** The thread (hidden included), or null if it does not exist or was deleted. */
  async thread(id: string, manager?: EntityManager, lock = false): Promise<ModeratedThread | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<ThreadStateRow[]>(
      `${THREAD_STATE_SQL} AND t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [id],
    );
    return row ? withoutVisibility(row) : null;
  }

  /** The reply (hidden included), or null if it does not exist or was deleted. */
  async reply(id: string, manager?: EntityManager): Promise<ModeratedReply | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<ModeratedReply[]>(
      `SELECT r.id, r.thread_id AS "threadId", t.title AS "threadTitle", r.author_id AS "authorId",
              r.body, r.hidden_at IS NOT NULL AS hidden
         FROM discussion_reply r JOIN discussion_thread t ON t.id = r.thread_id
        WHERE r.id = $1 AND r.deleted_at IS NULL AND t.deleted_at IS NULL`,
      [id],
    );
    return row ?? null;
  }

  /** Pins (first in its space) or unpins; false when it already was so. */
  async setPinned(id: string, pinned: boolean, manager?: EntityManager): Promise<boolean> {
    const [rows] = await (manager ?? this.dataSource.manager).query<[unknown[], number]>(
      `UPDATE discussion_thread SET pinned_at = CASE WHEN $2 THEN now() END, updated_at = now()
        WHERE id = $1 AND deleted_at IS NULL AND (pinned_at IS NULL) = $2 RETURNING id`,
      [id, pinned],
    );
    if (rows.length === 0) await this.require(id, manager);
    return rows.length > 0;
  }

  /** Moves the thread to another space; false when it is there already. */
  async move(id: string, spaceSlug: string, manager: EntityManager): Promise<boolean> {
    const thread = await this.require(id, manager, true);
    const space = await this.spaces.require(spaceSlug, manager);
    if (space.id === thread.spaceId) return false;
    await manager.query(
      `UPDATE discussion_thread SET space_id = $2, updated_at = now() WHERE id = $1`,
      [id, space.id],
    );
    const patch = { spaceSlug: space.slug, visibility: space.visibility };
    await this.search.update(THREAD_DOC, id, patch, manager);
    for (const replyId of await this.replyIds(id, manager)) {
      await this.search.update(REPLY_DOC, replyId, patch, manager);
    }
    return true;
  }

  /** Replaces the tags (normalised, at most 5); the shared vocabulary's counts follow. */
  async setTags(id: string, raw: readonly string[], manager: EntityManager): Promise<string[]> {
    const thread = await this.require(id, manager, true);
    const next = this.tags.normalise(raw, 'input.tags', MAX_TAGS);
    const removed = thread.tags.filter((tag) => !next.includes(tag));
    const added = next.filter((tag) => !thread.tags.includes(tag));
    const ids = await this.tags.ensure([...removed, ...added], manager);
    await this.tags.adjustUsage(
      removed.map((tag) => ids.get(tag) as string),
      -1,
      manager,
    );
    await this.tags.adjustUsage(
      added.map((tag) => ids.get(tag) as string),
      1,
      manager,
    );
    await manager.query(
      `UPDATE discussion_thread SET tags = $2::text[], updated_at = now() WHERE id = $1`,
      [id, next],
    );
    await this.search.update(THREAD_DOC, id, { tags: next }, manager);
    await this.documents.retitleReplies(await this.replyIds(id, manager), { tags: next }, manager);
    return next;
  }

  /**
   * Moves every reply of `fromId` under `intoId` (after its own top level, tree kept), then
   * `fromId` redirects (`mergedInto`), is locked and leaves lists and search. Answers how many
   * replies moved.
   */
  async merge(fromId: string, intoId: string, manager: EntityManager): Promise<number> {
    if (fromId === intoId) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.NOTHING_TO_CHANGE,
        'input.intoThreadId',
        'is the same thread',
        'A thread cannot be merged into itself.',
      );
    }
    // Both rows locked in id order, as two concurrent merges would otherwise deadlock.
    const rows = await manager.query<ThreadStateRow[]>(
      `${THREAD_STATE_SQL} AND t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t`,
      [[fromId, intoId]],
    );
    const from = rows.find((row) => row.id === fromId);
    const into = rows.find((row) => row.id === intoId);
    if (!from || !into) throw DiscussionsError.threadNotFound();
    if (from.mergedIntoId || into.mergedIntoId) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.NOTHING_TO_CHANGE,
        from.mergedIntoId ? 'input.fromThreadId' : 'input.intoThreadId',
        'was already merged',
        'One of these threads was already merged into another: use the thread it redirects to.',
      );
    }
    const top = await manager.query<Array<{ seg: string }>>(
      `SELECT substr(path, 1, 4) AS seg FROM discussion_reply
        WHERE thread_id = $1 AND parent_reply_id IS NULL ORDER BY path`,
      [fromId],
    );
    const [{ next_position: start }] = await manager.query<Array<{ next_position: number }>>(
      'SELECT next_position FROM discussion_thread WHERE id = $1',
      [intoId],
    );
    if (start + top.length > MAX_POSITION) {
      throw new DiscussionsError(
        DiscussionsErrorCode.TOO_MANY_REPLIES,
        'The target thread has no room for these replies at its top level.',
      );
    }
    const [moved] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE discussion_reply r SET thread_id = $2, path = m.new_seg || substr(r.path, 5),
              updated_at = now()
         FROM unnest($3::text[], $4::text[]) AS m(old_seg, new_seg)
        WHERE r.thread_id = $1 AND substr(r.path, 1, 4) = m.old_seg
       RETURNING r.id`,
      [fromId, intoId, top.map((row) => row.seg), top.map((_row, i) => segment(start + i + 1))],
    );
    await manager.query(
      `UPDATE discussion_thread i
          SET next_position = i.next_position + $3, reply_count = i.reply_count + f.reply_count,
              score = i.score + f.reply_count,
              last_activity_at = greatest(i.last_activity_at, f.last_activity_at), updated_at = now()
         FROM discussion_thread f WHERE i.id = $2 AND f.id = $1`,
      [fromId, intoId, top.length],
    );
    await manager.query(
      `UPDATE discussion_thread SET merged_into_id = $2, reply_count = 0,
              score = score - reply_count, locked_at = coalesce(locked_at, now()),
              pinned_at = NULL, updated_at = now()
        WHERE id = $1`,
      [fromId, intoId],
    );
    // Per-reply rows that carry their thread follow the replies.
    await manager.query(
      'UPDATE discussion_reply_reaction SET thread_id = $2 WHERE thread_id = $1',
      [fromId, intoId],
    );
    await manager.query(
      'UPDATE discussion_revision SET thread_id = $2 WHERE thread_id = $1 AND reply_id IS NOT NULL',
      [fromId, intoId],
    );
    await this.documents.removeThread(fromId, [], manager);
    await this.reindexMoved(
      moved.map((row) => row.id),
      into,
      manager,
    );
    return moved.length;
  }

  /** Pinned and merged state by thread id, batched per request (Thread fields). */
  flagsLoader(request: object): DataLoader<string, ThreadFlags | null> {
    return requestLoader<string, ThreadFlags | null>(
      request,
      'discussions.thread-flags',
      async (ids) => {
        const rows = await this.dataSource.query<Array<ThreadFlags & { id: string }>>(
          `SELECT id, pinned_at AS "pinnedAt", merged_into_id AS "mergedIntoId"
             FROM discussion_thread WHERE id = ANY($1::uuid[])`,
          [ids],
        );
        return byKeys(ids, rows, (row) => row.id, null);
      },
    );
  }

  /** Moved replies get their new thread's title, tags, space and link in search. */
  private async reindexMoved(
    ids: string[],
    into: ThreadStateRow,
    manager: EntityManager,
  ): Promise<void> {
    if (ids.length === 0) return;
    const replies = await manager.query<
      Array<{
        id: string;
        body: string;
        worked: string | null;
        would_change: string | null;
        risks: string | null;
        hidden: boolean;
        created_at: Date;
      }>
    >(
      `SELECT id, body, feedback_worked AS worked, feedback_would_change AS would_change,
              feedback_risks AS risks, hidden_at IS NOT NULL AS hidden, created_at
         FROM discussion_reply WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [ids],
    );
    const context = {
      id: into.id,
      title: into.title,
      tags: into.tags,
      hidden: into.hidden,
      spaceSlug: into.spaceSlug,
      spaceVisibility: into.spaceVisibility,
    };
    for (const reply of replies) {
      const { worked, would_change: wouldChange, risks } = reply;
      await this.documents.indexReply(
        {
          id: reply.id,
          body: reply.body,
          feedback: worked || wouldChange || risks ? { worked, wouldChange, risks } : null,
          hidden: reply.hidden,
          accepted: false,
          createdAt: reply.created_at,
        },
        context,
        manager,
      );
    }
  }

  private async require(id: string, manager?: EntityManager, lock = false) {
    const thread = await this.thread(id, manager, lock);
    if (!thread) throw DiscussionsError.threadNotFound();
    return thread;
  }

  private async replyIds(threadId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM discussion_reply WHERE thread_id = $1 AND deleted_at IS NULL',
      [threadId],
    );
    return rows.map((row) => row.id);
  }
}

function withoutVisibility(row: ThreadStateRow): ModeratedThread {
  const { spaceVisibility: _visibility, ...thread } = row;
  return thread;
}
