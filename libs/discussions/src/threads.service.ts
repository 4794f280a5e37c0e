import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ServerEvents } from '@app/core';
import { TagsService } from '@app/members';
import { DiscussionsError, DiscussionsErrorCode, isUniqueViolation } from './discussions.errors';
import { DiscussionsNotifier } from './discussions-notifier';
import { DiscussionsSearch } from './discussions-search';
import { ANSWER_ACCEPTED } from './discussions-server-events';
import { EditThreadInput, MAX_TAGS, StartThreadInput } from './dto/thread.inputs';
import { PostText } from './post-text';
import { Actor, isStaff } from './reader';
import { RevisionsService } from './revisions.service';
import { THREAD_COLUMNS, ThreadRow, toThreadModel } from './rows';
import { SpaceVisibility } from './space.entity';
import { SpacesService } from './spaces.service';
import { ThreadKind } from './thread.entity';
import { ThreadModel } from './thread.model';
import { ThreadQueries } from './thread-queries.service';

type LockedThread = ThreadRow & { space_slug: string; space_visibility: SpaceVisibility };

/** Starting, editing, deleting threads and accepting answers: the rules and the transactions. */
@Injectable()
export class ThreadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: SpacesService,
    private readonly tags: TagsService,
    private readonly text: PostText,
    private readonly search: DiscussionsSearch,
    private readonly notifier: DiscussionsNotifier,
    private readonly revisions: RevisionsService,
    private readonly queries: ThreadQueries,
    private readonly events: ServerEvents,
  ) {}

  /** Starts a thread; the same idempotency key from the same author returns the first one. */
  async start(actor: Actor, input: StartThreadInput): Promise<ThreadModel> {
    const key = input.idempotencyKey ?? null;
    const earlier = key && (await this.byKey(actor, key));
    if (earlier) return earlier;
    const tags = this.tags.normalise(input.tags ?? [], 'input.tags', MAX_TAGS);
    const text = await this.text.prepare(input.body);
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const space = await this.spaces.require(input.spaceSlug, manager);
        const tagIds = await this.tags.ensure(tags, manager);
        await this.tags.adjustUsage([...tagIds.values()], 1, manager);
        const [row] = await manager.query<Array<{ id: string; created_at: Date }>>(
          `INSERT INTO discussion_thread
             (space_id, author_id, kind, title, body, body_html, tags, mention_ids, idempotency_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::uuid[], $9) RETURNING id, created_at`,
          [
            space.id,
            actor.id,
            input.kind,
            input.title,
            input.body,
            text.bodyHtml,
            tags,
            text.mentionIds,
            key,
          ],
        );
        await this.search.indexThread(
          {
            id: row.id,
            title: input.title,
            body: input.body,
            tags,
            hidden: false,
            solved: false,
            spaceSlug: space.slug,
            spaceVisibility: space.visibility,
            createdAt: row.created_at,
          },
          manager,
        );
        await this.notifier.threadMentions(
          actor,
          { id: row.id, title: input.title },
          text.mentionIds,
          manager,
        );
        return row.id;
      });
    } catch (error) {
      // A concurrent request with the same key won: answer with its thread.
      const winner =
        key && isUniqueViolation(error, 'discussion_thread_idempotency_key')
          ? await this.byKey(actor, key)
          : null;
      if (winner) return winner;
      throw error;
    }
    return this.answer(id, actor);
  }

  private async byKey(actor: Actor, key: string): Promise<ThreadModel | null> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM discussion_thread WHERE author_id = $1 AND idempotency_key = $2',
      [actor.id, key],
    );
    return row ? this.answer(row.id, actor) : null;
  }

  /** The author edits title, body and/or tags; every edit keeps a revision. */
  async edit(actor: Actor, input: EditThreadInput): Promise<ThreadModel> {
    if (input.title === undefined && input.body === undefined && input.tags === undefined) {
      throw new DiscussionsError(
        DiscussionsErrorCode.NOTHING_TO_CHANGE,
        'Send at least one of title, body or tags to edit the thread.',
        { fields: { input: ['needs title, body or tags'] } },
      );
    }
    const tags = input.tags && this.tags.normalise(input.tags, 'input.tags', MAX_TAGS);
    const text = input.body !== undefined ? await this.text.prepare(input.body) : null;
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.lockOwn(actor, input.id, manager);
      const title = input.title ?? thread.title;
      const body = input.body ?? thread.body;
      await this.revisions.record(
        {
          threadId: thread.id,
          replyId: null,
          authorId: thread.author_id,
          createdAt: thread.created_at,
          title: thread.title,
          body: thread.body,
        },
        actor.id,
        { title, body },
        manager,
      );
      if (tags) await this.retag(thread.tags, tags, manager);
      const mentionIds = text?.mentionIds ?? thread.mention_ids;
      await manager.query(
        `UPDATE discussion_thread
            SET title = $2, body = $3, body_html = $4, tags = $5::text[], mention_ids = $6::uuid[],
                edited_at = now(), updated_at = now()
          WHERE id = $1`,
        [
          thread.id,
          title,
          body,
          text?.bodyHtml ?? thread.body_html,
          tags ?? thread.tags,
          mentionIds,
        ],
      );
      await this.search.indexThread(
        {
          id: thread.id,
          title,
          body,
          tags: tags ?? thread.tags,
          hidden: thread.hidden_at !== null,
          solved: thread.accepted_reply_id !== null,
          spaceSlug: thread.space_slug,
          spaceVisibility: thread.space_visibility,
          createdAt: thread.created_at,
        },
        manager,
      );
      if (title !== thread.title || tags) {
        await this.search.retitleReplies(
          await this.replyIds(thread.id, manager),
          { title, tags: tags ?? thread.tags },
          manager,
        );
      }
      const added = mentionIds.filter((id) => !thread.mention_ids.includes(id));
      await this.notifier.threadMentions(actor, { id: thread.id, title }, added, manager);
    });
    return this.answer(input.id, actor);
  }

  /** The author's soft delete: the thread and its replies leave every list and search. */
  async delete(actor: Actor, id: string): Promise<ThreadModel> {
    const deleted = await this.dataSource.transaction(async (manager) => {
      const thread = await this.lockOwn(actor, id, manager);
      const [[row]] = await manager.query<[ThreadRow[], number]>(
        `UPDATE discussion_thread t SET deleted_at = now(), updated_at = now()
          WHERE id = $1 RETURNING ${THREAD_COLUMNS}`,
        [id],
      );
      const tagIds = await this.tags.ensure(thread.tags, manager);
      await this.tags.adjustUsage([...tagIds.values()], -1, manager);
      await this.search.removeThread(id, await this.replyIds(id, manager), manager);
      return toThreadModel(row);
    });
    return deleted;
  }

  /** The asker accepts (or changes) the answer of their question. */
  async acceptAnswer(actor: Actor, replyId: string): Promise<ThreadModel> {
    const { threadId, changed } = await this.dataSource.transaction(async (manager) => {
      const [reply] = await manager.query<
        Array<{
          thread_id: string;
          author_id: string;
          deleted_at: Date | null;
          hidden_at: Date | null;
        }>
      >('SELECT thread_id, author_id, deleted_at, hidden_at FROM discussion_reply WHERE id = $1', [
        replyId,
      ]);
      const thread = reply && (await this.lock(actor, reply.thread_id, manager));
      if (!reply || !thread || reply.deleted_at || (reply.hidden_at && !isStaff(actor))) {
        throw DiscussionsError.replyNotFound();
      }
      if (thread.author_id !== actor.id) {
        throw new DiscussionsError(
          DiscussionsErrorCode.NOT_ASKER,
          'Only the member who asked the question may accept an answer.',
        );
      }
      if (thread.kind !== ThreadKind.QUESTION) {
        throw DiscussionsError.invalid(
          DiscussionsErrorCode.NOT_A_QUESTION,
          'replyId',
          'is not in a question',
          'Only questions have accepted answers; this thread is a discussion.',
        );
      }
      if (thread.accepted_reply_id === replyId) return { threadId: thread.id, changed: [] };
      await manager.query(
        'UPDATE discussion_thread SET accepted_reply_id = $2, updated_at = now() WHERE id = $1',
        [thread.id, replyId],
      );
      if (thread.accepted_reply_id)
        await this.search.setAccepted(thread.accepted_reply_id, false, manager);
      await this.search.setAccepted(replyId, true, manager);
      await this.search.setSolved(thread.id, true, manager);
      await this.notifier.answerAccepted(
        actor,
        { id: thread.id, title: thread.title, authorId: thread.author_id },
        { id: replyId, authorId: reply.author_id },
        manager,
      );
      return {
        threadId: thread.id,
        changed: [replyId, ...(thread.accepted_reply_id ? [thread.accepted_reply_id] : [])],
      };
    });
    // The archive keeps its own boosts on top of the accepted answer's (see ArchiveSearch).
    if (changed.length) await this.events.emit(ANSWER_ACCEPTED, { threadId, replyIds: changed });
    return this.answer(threadId, actor);
  }

  /** The thread locked for update, if it exists and this actor can see it. */
  async lock(actor: Actor, id: string, manager: EntityManager): Promise<LockedThread | null> {
    const [thread] = await manager.query<LockedThread[]>(
      `SELECT ${THREAD_COLUMNS}, s.slug AS space_slug, s.visibility AS space_visibility
         FROM discussion_thread t JOIN discussion_space s ON s.id = t.space_id
        WHERE t.id = $1 FOR UPDATE OF t`,
      [id],
    );
    if (!thread || thread.deleted_at || (thread.hidden_at && !isStaff(actor))) return null;
    return thread;
  }

  private async lockOwn(actor: Actor, id: string, manager: EntityManager): Promise<LockedThread> {
    const thread = await this.lock(actor, id, manager);
    if (!thread) throw DiscussionsError.threadNotFound();
    if (thread.author_id !== actor.id) throw DiscussionsError.notAuthor('thread');
    return thread;
  }

  private async retag(before: string[], after: string[], manager: EntityManager) {
    const removed = before.filter((tag) => !after.includes(tag));
    const added = after.filter((tag) => !before.includes(tag));
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
  }

  private async replyIds(threadId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM discussion_reply WHERE thread_id = $1 AND deleted_at IS NULL',
      [threadId],
    );
    return rows.map((row) => row.id);
  }

  private async answer(id: string, actor: Actor): Promise<ThreadModel> {
    const thread = await this.queries.find(id, actor);
    if (!thread) throw DiscussionsError.threadNotFound();
    return thread;
  }
}
