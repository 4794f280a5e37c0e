import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AuditLog, AuthenticatedMember, requestLoader } from '@app/core';
import { DiscussionsService, ReplyModel, ThreadKind } from '@app/discussions';
import { CollectionEntryKind } from './archive.enums';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { ArchiveSearch } from './archive-search';
import { ArchiveTargets } from './archive-targets';
import { assertCurator, isUniqueViolation, targetNotFound } from './collections.service';

export const MARK_CANONICAL = 'MARK_CANONICAL_ANSWER';
export const UNMARK_CANONICAL = 'UNMARK_CANONICAL_ANSWER';

/**
 * Canonical answers: the community's best answer to a question, one per thread, marked by
 * moderators with a reason (audited). Its reply's search document is boosted above the rest.
 */
@Injectable()
export class CanonicalAnswers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly discussions: DiscussionsService,
    private readonly targets: ArchiveTargets,
    private readonly archiveSearch: ArchiveSearch,
  ) {}

  async mark(actor: AuthenticatedMember, replyId: string, reason: string): Promise<ReplyModel> {
    assertCurator(actor);
    const scope = {};
    const reply = await this.targets.reply(scope, replyId);
    const thread = reply && (await this.targets.thread(scope, reply.threadId));
    if (!reply || !thread) throw targetNotFound();
    if (thread.kind !== ThreadKind.QUESTION) {
      throw new ArchiveError(
        ArchiveErrorCode.NOT_A_QUESTION,
        'Canonical answers answer questions: this reply is in a discussion thread.',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await manager
        .query(
          `INSERT INTO archive_canonical_answer (reply_id, thread_id, reason, marked_by_id)
           VALUES ($1, $2, $3, $4)`,
          [reply.id, thread.id, reason, actor.id],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'PK_archive_canonical_answer')) {
            throw new ArchiveError(
              ArchiveErrorCode.ALREADY_CANONICAL,
              'This reply already is the canonical answer.',
            );
          }
          if (isUniqueViolation(error, 'archive_canonical_answer_thread_key')) {
            throw new ArchiveError(
              ArchiveErrorCode.THREAD_HAS_CANONICAL,
              'The thread already has a canonical answer: unmark it first.',
            );
          }
          throw error;
        });
      await this.audit.record(
        {
          actorId: actor.id,
          action: MARK_CANONICAL,
          targetKind: 'REPLY',
          targetId: reply.id,
          reason,
          before: { canonical: false, threadId: thread.id },
          after: { canonical: true, threadId: thread.id },
        },
        manager,
      );
      await this.archiveSearch.refreshBoosts(
        [{ kind: CollectionEntryKind.REPLY, targetId: reply.id }],
        manager,
      );
    });
    return (await this.discussions.findReply(reply.id, actor)) ?? reply;
  }

  async unmark(
    actor: AuthenticatedMember,
    replyId: string,
    reason: string,
  ): Promise<ReplyModel | null> {
    assertCurator(actor);
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[Array<{ thread_id: string }>, number]>(
        `DELETE FROM archive_canonical_answer WHERE reply_id = $1 RETURNING thread_id`,
        [replyId],
      );
      if (rows.length === 0) {
        throw new ArchiveError(
          ArchiveErrorCode.NOT_CANONICAL,
          'This reply is not a canonical answer.',
        );
      }
      await this.audit.record(
        {
          actorId: actor.id,
          action: UNMARK_CANONICAL,
          targetKind: 'REPLY',
          targetId: replyId,
          reason,
          before: { canonical: true, threadId: rows[0].thread_id },
          after: { canonical: false, threadId: rows[0].thread_id },
        },
        manager,
      );
      await this.archiveSearch.refreshBoosts(
        [{ kind: CollectionEntryKind.REPLY, targetId: replyId }],
        manager,
      );
    });
    return this.discussions.findReply(replyId, actor);
  }

  /** The canonical reply id of each thread (or null), batched per request. */
  byThreadLoader(request: object): DataLoader<string, string | null> {
    return requestLoader<string, string | null>(
      request,
      'archive.canonical-by-thread',
      async (ids) => {
        const rows = await this.dataSource.query<Array<{ thread_id: string; reply_id: string }>>(
          `SELECT thread_id, reply_id FROM archive_canonical_answer WHERE thread_id = ANY($1::uuid[])`,
          [ids],
        );
        const map = new Map(rows.map((row) => [row.thread_id, row.reply_id]));
        return ids.map((id) => map.get(id) ?? null);
      },
    );
  }

  /** Whether each reply is a canonical answer, batched per request. */
  isCanonicalLoader(request: object): DataLoader<string, boolean> {
    return requestLoader<string, boolean>(request, 'archive.is-canonical', async (ids) => {
      const rows = await this.dataSource.query<Array<{ reply_id: string }>>(
        `SELECT reply_id FROM archive_canonical_answer WHERE reply_id = ANY($1::uuid[])`,
        [ids],
      );
      const set = new Set(rows.map((row) => row.reply_id));
      return ids.map((id) => set.has(id));
    });
  }
}
