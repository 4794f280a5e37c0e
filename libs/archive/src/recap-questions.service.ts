import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AuthenticatedMember, requestLoader } from '@app/core';
import { ThreadKind, ThreadsService } from '@app/discussions';
import { MembersService } from '@app/members';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { RecapStatus } from './archive.enums';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { OpenQuestionsAsThreadsInput } from './dto/recap.inputs';
import { RecapModel } from './recap.models';
import { RecapsService, toRecapModel } from './recaps.service';

/** Members invited to answer each opened question, at most. */
export const INVITES_PER_QUESTION = 5;

/** A thread title from a question: 8–200 characters, as threads require. */
export function threadTitle(question: string): string {
  const text = question.replace(/\s+/g, ' ').trim();
  const title = text.length >= 8 ? text : `Open question: ${text}`;
  return title.length <= 200 ? title : `${title.slice(0, 199).trimEnd()}…`;
}

/**
 * Nothing asked is lost: a published recap's unanswered questions become open QUESTION threads
 * (through the discussions service), linked back to the recap, and members whose claimed
 * expertise matches the session's tags are invited to answer.
 */
@Injectable()
export class RecapQuestions {
  private readonly logger = new Logger(RecapQuestions.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recaps: RecapsService,
    private readonly threads: ThreadsService,
    private readonly members: MembersService,
    private readonly notifications: NotificationsService,
  ) {}

  async open(actor: AuthenticatedMember, input: OpenQuestionsAsThreadsInput): Promise<RecapModel> {
    const recap = await this.recaps.require(input.recapId);
    const roundtable = await this.recaps.assertEditor(actor, recap.roundtableId);
    if (recap.status !== RecapStatus.PUBLISHED) {
      throw new ArchiveError(
        ArchiveErrorCode.RECAP_NOT_PUBLISHED,
        'Publish the recap first: its open questions link back to it.',
      );
    }
    const open = new Map(recap.content.unansweredQuestions.map((q) => [q.id, q]));
    input.questionIds.forEach((id, i) => {
      if (!open.has(id)) {
        throw ArchiveError.field(
          ArchiveErrorCode.QUESTION_NOT_OPEN,
          `input.questionIds.${i}`,
          'is not an unanswered question of this recap',
          'Only the recap’s unanswered questions can be opened as threads.',
        );
      }
    });
    const opened = await this.openedThreads(recap.id);
    const tags = roundtable.tags.slice(0, 5);
    for (const questionId of input.questionIds) {
      if (opened.has(questionId)) continue;
      const question = open.get(questionId) as { text: string };
      const title = threadTitle(question.text);
      const thread = await this.threads.start(actor, {
        spaceSlug: input.spaceSlug,
        kind: ThreadKind.QUESTION,
        title,
        body: [
          `> ${question.text.replace(/\n/g, '\n> ')}`,
          `Asked at the roundtable “${roundtable.title}” and left open. ` +
            `See the recap: [${recap.title}](/recaps/${recap.id}).`,
        ].join('\n\n'),
        tags,
        // A retry finds the same thread instead of opening a second one.
        idempotencyKey: `recap:${recap.id}:${questionId}`.slice(0, 100),
      });
      await this.dataSource.query(
        `INSERT INTO archive_recap_question_thread (recap_id, question_id, thread_id)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [recap.id, questionId, thread.id],
      );
      await this.invite(actor, tags, thread.id, title);
    }
    return toRecapModel(await this.recaps.require(recap.id));
  }

  /** Members claiming expertise in the tags (one tag at a time, in turn), up to five. */
  private async invite(
    actor: AuthenticatedMember,
    tags: string[],
    threadId: string,
    title: string,
  ) {
    const invited = new Set<string>();
    for (const tag of tags) {
      if (invited.size >= INVITES_PER_QUESTION) break;
      const page = await this.members.directory({ expertise: [tag] }, 20, null, actor);
      for (const id of page.ids) {
        if (id !== actor.id && invited.size < INVITES_PER_QUESTION) invited.add(id);
      }
    }
    for (const memberId of invited) {
      await this.notifications
        .notify(memberId, NotificationKind.PEER_INVITATION, {
          title: `Your expertise is wanted: “${title}”, left open at a roundtable.`,
          link: `/threads/${threadId}`,
          actorId: actor.id,
        })
        .catch((error: unknown) => this.logger.warn({ err: error, memberId }, 'Invitation failed'));
    }
  }

  private async openedThreads(recapId: string): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ question_id: string; thread_id: string }>>(
      `SELECT question_id, thread_id FROM archive_recap_question_thread WHERE recap_id = $1`,
      [recapId],
    );
    return new Map(rows.map((row) => [row.question_id, row.thread_id]));
  }

  /** The thread each (recap, question) was opened as, batched per request. */
  threadIdLoader(request: object): DataLoader<string, string | null> {
    return requestLoader<string, string | null>(
      request,
      'archive.recap-question-thread',
      async (keys) => {
        const rows = await this.dataSource.query<Array<{ k: string; thread_id: string }>>(
          `SELECT recap_id || ':' || question_id AS k, thread_id FROM archive_recap_question_thread
          WHERE recap_id || ':' || question_id = ANY($1::text[])`,
          [keys],
        );
        const map = new Map(rows.map((row) => [row.k, row.thread_id]));
        return keys.map((key) => map.get(key) ?? null);
      },
    );
  }
}
