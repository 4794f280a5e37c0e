import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RateLimiter } from '@app/core';
import { DiscussionsError, DiscussionsErrorCode, isUniqueViolation } from './discussions.errors';
import { DISCUSSIONS_OPTIONS, DiscussionsOptions } from './discussions.options';
import { DiscussionsNotifier } from './discussions-notifier';
import { DiscussionsSearch, replyLink } from './discussions-search';
import { EditReplyInput, PostReplyInput } from './dto/reply.inputs';
import { PostText } from './post-text';
import { Actor, isStaff } from './reader';
import { MAX_DEPTH, MAX_POSITION, childPath } from './reply-path';
import { ReplyModel } from './reply.model';
import { ReplyQueries } from './reply-queries.service';
import { RevisionsService } from './revisions.service';
import {
  ReplyForUpdate,
  ThreadForReply,
  contextOf,
  feedbackColumns,
  lockReplyForUpdate,
} from './reply-rows';
import { REPLY_COLUMNS, ReplyRow, THREAD_COLUMNS, toReplyModel } from './rows';

export interface PostOptions {
  /** The demo seeder posts without the per-member rate limit. */
  rateLimited?: boolean;
}

/** Posting, editing and deleting replies: the rules and the transactions. */
@Injectable()
export class RepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DISCUSSIONS_OPTIONS) private readonly options: DiscussionsOptions,
    private readonly limits: RateLimiter,
    private readonly text: PostText,
    private readonly search: DiscussionsSearch,
    private readonly notifier: DiscussionsNotifier,
    private readonly revisions: RevisionsService,
    private readonly queries: ReplyQueries,
  ) {}

  async post(actor: Actor, input: PostReplyInput, options: PostOptions = {}): Promise<ReplyModel> {
    const key = input.idempotencyKey ?? null;
    const earlier = key && (await this.byKey(actor, key));
    if (earlier) return earlier;
    const feedback = feedbackColumns(input.feedback);
    if (options.rateLimited !== false) {
      const { limit, windowSeconds } = this.options.replyRateLimit;
      await this.limits.consume(
        `discussions.reply:${actor.id}`,
        limit,
        windowSeconds * 1000,
        'replies',
      );
    }
    const text = await this.text.prepare(input.body);
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        // Thread first, then parent: every writer locks in this order.
        const thread = await this.claimThreadPosition(actor, input, manager);
        const parent = input.parentReplyId
          ? await this.claimChildPosition(actor, input.parentReplyId, thread.id, manager)
          : null;
        const position = parent ? parent.next_position : thread.next_position;
        if (position > MAX_POSITION) {
          throw new DiscussionsError(
            DiscussionsErrorCode.TOO_MANY_REPLIES,
            'This place in the thread is full; reply to one of the replies instead.',
          );
        }
        const path = childPath(parent?.path ?? null, position);
        const [row] = await manager.query<Array<{ id: string; created_at: Date }>>(
          `INSERT INTO discussion_reply
             (thread_id, parent_reply_id, author_id, path, depth, body, body_html,
              feedback_worked, feedback_would_change, feedback_risks, mention_ids, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12)
           RETURNING id, created_at`,
          [
            thread.id,
            parent?.id ?? null,
            actor.id,
            path,
            parent ? parent.depth + 1 : 0,
            input.body,
            text.bodyHtml,
            feedback?.worked ?? null,
            feedback?.wouldChange ?? null,
            feedback?.risks ?? null,
            text.mentionIds,
            key,
          ],
        );
        await this.search.indexReply(
          {
            id: row.id,
            body: input.body,
            feedback,
            hidden: false,
            accepted: false,
            createdAt: row.created_at,
          },
          {
            id: thread.id,
            title: thread.title,
            tags: thread.tags,
            hidden: thread.hidden_at !== null,
            spaceSlug: thread.space_slug,
            spaceVisibility: thread.space_visibility,
          },
          manager,
        );
        await this.notifier.replyPosted(
          actor,
          { id: thread.id, title: thread.title, authorId: thread.author_id },
          { id: row.id, parentAuthorId: parent?.author_id ?? null, mentionIds: text.mentionIds },
          manager,
        );
        return row.id;
      });
    } catch (error) {
      const winner =
        key && isUniqueViolation(error, 'discussion_reply_idempotency_key')
          ? await this.byKey(actor, key)
          : null;
      if (winner) return winner;
      throw error;
    }
    return this.answer(id, actor);
  }

  /** Bumps the thread (activity, counts, top-level position) under its row lock. */
  private async claimThreadPosition(actor: Actor, input: PostReplyInput, manager: EntityManager) {
    const [[thread]] = await manager.query<[ThreadForReply[], number]>(
      `UPDATE discussion_thread t
          SET next_position = t.next_position + (CASE WHEN $2::boolean THEN 1 ELSE 0 END),
              reply_count = t.reply_count + 1, score = t.score + 1, last_activity_at = now()
         FROM discussion_space s
        WHERE t.id = $1 AND s.id = t.space_id AND t.deleted_at IS NULL
        RETURNING ${THREAD_COLUMNS}, t.next_position, s.slug AS space_slug,
                  s.visibility AS space_visibility`,
      [input.threadId, !input.parentReplyId],
    );
    if (!thread || (thread.hidden_at && !isStaff(actor))) throw DiscussionsError.threadNotFound();
    if (thread.locked_at) {
      throw new DiscussionsError(
        DiscussionsErrorCode.THREAD_LOCKED,
        'This thread is locked by a moderator and takes no new replies.',
      );
    }
    return thread;
  }

  private async claimChildPosition(
    actor: Actor,
    parentId: string,
    threadId: string,
    manager: EntityManager,
  ) {
    const [[parent]] = await manager.query<[Array<ReplyRow & { next_position: number }>, number]>(
      `UPDATE discussion_reply r SET next_position = r.next_position + 1
        WHERE id = $1 RETURNING ${REPLY_COLUMNS}, r.next_position`,
      [parentId],
    );
    const field = 'input.parentReplyId';
    if (!parent) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.REPLY_NOT_FOUND,
        field,
        'is not a reply',
        'The reply you answer does not exist; check parentReplyId.',
      );
    }
    if (parent.thread_id !== threadId) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.PARENT_IN_OTHER_THREAD,
        field,
        'is a reply of another thread',
        'parentReplyId must be a reply in the same thread as threadId.',
      );
    }
    if (parent.deleted_at || (parent.hidden_at && !isStaff(actor))) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.PARENT_REMOVED,
        field,
        'was removed',
        'That reply was removed; answer the thread or another reply instead.',
      );
    }
    if (parent.locked_at) {
      throw new DiscussionsError(
        DiscussionsErrorCode.REPLY_LOCKED,
        'A moderator locked this reply: it takes no replies under it.',
      );
    }
    if (parent.depth + 1 > MAX_DEPTH) {
      throw DiscussionsError.invalid(
        DiscussionsErrorCode.TOO_DEEP,
        field,
        `is ${MAX_DEPTH + 1} levels deep`,
        `Replies nest at most ${MAX_DEPTH + 1} levels; answer a reply higher up.`,
      );
    }
    return parent;
  }

  private async byKey(actor: Actor, key: string): Promise<ReplyModel | null> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM discussion_reply WHERE author_id = $1 AND idempotency_key = $2',
      [actor.id, key],
    );
    return row ? this.answer(row.id, actor) : null;
  }

  /** The author edits the body and/or feedback; every edit keeps a revision. */
  async edit(actor: Actor, input: EditReplyInput): Promise<ReplyModel> {
    if (input.body === undefined && input.feedback === undefined) {
      throw new DiscussionsError(
        DiscussionsErrorCode.NOTHING_TO_CHANGE,
        'Send a body and/or feedback to edit the reply.',
        { fields: { input: ['needs body or feedback'] } },
      );
    }
    const feedback = feedbackColumns(input.feedback);
    const text = input.body !== undefined ? await this.text.prepare(input.body) : null;
    await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockOwn(actor, input.id, manager);
      const body = input.body ?? reply.body;
      await this.revisions.record(
        {
          threadId: reply.thread_id,
          replyId: reply.id,
          authorId: reply.author_id,
          createdAt: reply.created_at,
          title: null,
          body: reply.body,
        },
        actor.id,
        { title: null, body },
        manager,
      );
      const next = {
        worked: feedback ? feedback.worked : reply.feedback_worked,
        wouldChange: feedback ? feedback.wouldChange : reply.feedback_would_change,
        risks: feedback ? feedback.risks : reply.feedback_risks,
      };
      const mentionIds = text?.mentionIds ?? reply.mention_ids;
      await manager.query(
        `UPDATE discussion_reply
            SET body = $2, body_html = $3, feedback_worked = $4, feedback_would_change = $5,
                feedback_risks = $6, mention_ids = $7::uuid[], edited_at = now(), updated_at = now()
          WHERE id = $1`,
        [
          reply.id,
          body,
          text?.bodyHtml ?? reply.body_html,
          next.worked,
          next.wouldChange,
          next.risks,
          mentionIds,
        ],
      );
      await this.search.indexReply(
        {
          id: reply.id,
          body,
          feedback: next,
          hidden: reply.hidden_at !== null,
          accepted: reply.t_accepted_reply_id === reply.id,
          createdAt: reply.created_at,
        },
        contextOf(reply),
        manager,
      );
      const added = mentionIds.filter((id) => !reply.mention_ids.includes(id));
      await this.notifier.mentioned(
        actor,
        reply.t_title,
        replyLink(reply.thread_id, reply.id),
        added,
        new Set([actor.id]),
        manager,
      );
    });
    return this.answer(input.id, actor);
  }

  /**
   * The author's soft delete. With replies under it, it stays as a placeholder; an accepted
   * answer stops being accepted.
   */
  async delete(actor: Actor, id: string): Promise<ReplyModel> {
    const row = await this.dataSource.transaction(async (manager) => {
      const reply = await this.lockOwn(actor, id, manager);
      await manager.query(
        'UPDATE discussion_reply SET deleted_at = now(), updated_at = now() WHERE id = $1',
        [id],
      );
      const wasAccepted = reply.t_accepted_reply_id === id;
      const counted = reply.hidden_at === null ? 1 : 0;
      await manager.query(
        `UPDATE discussion_thread
            SET reply_count = reply_count - $2, score = score - $2, updated_at = now(),
                accepted_reply_id = CASE WHEN accepted_reply_id = $3 THEN NULL ELSE accepted_reply_id END
          WHERE id = $1`,
        [reply.thread_id, counted, id],
      );
      await this.search.removeReply(id, manager);
      if (wasAccepted) await this.search.setSolved(reply.thread_id, false, manager);
      return reply;
    });
    // Shown as a placeholder if replies remain under it; otherwise gone, answered as removed.
    return (
      (await this.queries.find(id, actor)) ??
      toReplyModel({ ...row, deleted_at: new Date(), child_count: 0, accepted: false }, actor)
    );
  }

  private async lockOwn(actor: Actor, id: string, manager: EntityManager): Promise<ReplyForUpdate> {
    const reply = await lockReplyForUpdate(actor, id, manager);
    if (!reply) throw DiscussionsError.replyNotFound();
    if (reply.author_id !== actor.id) throw DiscussionsError.notAuthor('reply');
    return reply;
  }

  private async answer(id: string, actor: Actor): Promise<ReplyModel> {
    const reply = await this.queries.find(id, actor);
    if (!reply) throw DiscussionsError.replyNotFound();
    return reply;
  }
}
