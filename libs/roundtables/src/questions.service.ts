import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Connection, toConnection } from '@app/core';
import {
  decodeTimeCursor,
  decodeVotesCursor,
  encodeTimeCursor,
  encodeVotesCursor,
  timeKey,
} from './cursors';
import { QuestionOrder } from './dto/roundtable.args';
import { QuestionVoteEntity } from './question-vote.entity';
import { QuestionEntity } from './question.entity';
import { RegistrationEntity } from './registration.entity';
import { Actor, isFacilitator, lockRoundtable, wrongState } from './roundtable-access';
import { MAX_QUESTIONS_PER_MEMBER } from './roundtable-rules';
import { RoundtableEntity, RoundtableState } from './roundtable.entity';
import { QuestionModel } from './roundtable.models';
import { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';

interface QuestionRow {
  id: string;
  roundtable_id: string;
  author_id: string;
  text: string;
  vote_count: number;
  created_at: Date;
  created_key: string;
  chatham_house: boolean;
}

export interface QuestionPage {
  orderBy: QuestionOrder;
  first: number;
  after?: string | null;
}

function toQuestion(row: QuestionRow): QuestionModel {
  return {
    id: row.id,
    text: row.text,
    voteCount: row.vote_count,
    createdAt: row.created_at,
    roundtableId: row.roundtable_id,
    authorId: row.author_id,
    chathamHouse: row.chatham_house,
  };
}

const ORDER: Record<QuestionOrder, string> = {
  VOTES: 'q.vote_count DESC, q.created_at, q.id',
  NEWEST: 'q.created_at DESC, q.id DESC',
};

/**
 * Questions gathered before the session, and their upvotes. While SCHEDULED, registrants
 * (seated or waitlisted) and facilitators may ask and vote, once per question; the live room
 * takes the same rows over as its Q&A when the session starts.
 */
@Injectable()
export class QuestionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  submit(actor: Actor, roundtableId: string, text: string): Promise<QuestionModel> {
    return this.dataSource.transaction(async (manager) => {
      // The lock orders this against a concurrent start and the per-member count below.
      const roundtable = await lockRoundtable(manager, roundtableId);
      await this.assertMayTakePart(manager, roundtable, actor, 'ask');
      const asked = await manager
        .getRepository(QuestionEntity)
        .countBy({ roundtableId, authorId: actor.id });
      if (asked >= MAX_QUESTIONS_PER_MEMBER) {
        throw new RoundtablesError(
          RoundtablesErrorCode.TOO_MANY_QUESTIONS,
          `You already sent ${asked} questions for this session, the most one member may: upvote others instead.`,
        );
      }
      const repo = manager.getRepository(QuestionEntity);
      const saved = await repo.save(repo.create({ roundtableId, authorId: actor.id, text }));
      return this.loadOne(manager, saved.id);
    });
  }

  /** One vote per member and question: a second is CONFLICT. */
  upvote(actor: Actor, questionId: string): Promise<QuestionModel> {
    return this.dataSource.transaction(async (manager) => {
      const question = await manager.getRepository(QuestionEntity).findOneBy({ id: questionId });
      if (!question) {
        throw new RoundtablesError(
          RoundtablesErrorCode.QUESTION_NOT_FOUND,
          `No question has the id "${questionId}".`,
        );
      }
      const roundtable = await manager
        .getRepository(RoundtableEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_read')
        .where('r.id = :id', { id: question.roundtableId })
        .getOneOrFail();
      await this.assertMayTakePart(manager, roundtable, actor, 'vote');
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(QuestionVoteEntity)
        .values({ questionId, accountId: actor.id })
        .orIgnore()
        .returning(['questionId'])
        .execute();
      if (!(inserted.raw as unknown[]).length) {
        throw new RoundtablesError(
          RoundtablesErrorCode.ALREADY_VOTED,
          'You already upvoted this question; each member votes once per question.',
        );
      }
      await manager.increment(QuestionEntity, { id: questionId }, 'voteCount', 1);
      return this.loadOne(manager, questionId);
    });
  }

  /**
   * A page of questions for each of several roundtables in one statement (a LATERAL join per
   * roundtable), and their counts in one more: `questions` on a list of roundtables stays flat.
   */
  async pages(
    roundtableIds: readonly string[],
    page: QuestionPage,
  ): Promise<Connection<QuestionModel>[]> {
    const params: unknown[] = [roundtableIds, page.first + 1];
    let keyset = '';
    if (page.after && page.orderBy === QuestionOrder.VOTES) {
      const { votes, time, id } = decodeVotesCursor(page.after);
      params.push(votes, time, id);
      keyset = `AND (q.vote_count < $3 OR (q.vote_count = $3
                 AND (q.created_at, q.id) > ($4::timestamptz, $5::uuid)))`;
    } else if (page.after) {
      const { time, id } = decodeTimeCursor(page.after);
      params.push(time, id);
      keyset = `AND (q.created_at, q.id) < ($3::timestamptz, $4::uuid)`;
    }
    const [rows, counts] = await Promise.all([
      this.dataSource.query<QuestionRow[]>(
        `SELECT q.*, r.chatham_house FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, ord)
           JOIN roundtable r ON r.id = k.id
           CROSS JOIN LATERAL (
             SELECT q.id, q.roundtable_id, q.author_id, q.text, q.vote_count, q.created_at,
                    ${timeKey('q.created_at')} AS created_key
               FROM roundtable_question q
              WHERE q.roundtable_id = k.id ${keyset}
              ORDER BY ${ORDER[page.orderBy]} LIMIT $2) q
          ORDER BY k.ord, ${ORDER[page.orderBy]}`,
        params,
      ),
      this.dataSource.query<Array<{ roundtable_id: string; n: number }>>(
        `SELECT roundtable_id, count(*)::int AS n FROM roundtable_question
          WHERE roundtable_id = ANY($1::uuid[]) GROUP BY roundtable_id`,
        [roundtableIds],
      ),
    ]);
    const totals = new Map(counts.map((row) => [row.roundtable_id, row.n]));
    const cursorOf = (row: QuestionRow) =>
      page.orderBy === QuestionOrder.VOTES
        ? encodeVotesCursor({ votes: row.vote_count, time: row.created_key, id: row.id })
        : encodeTimeCursor({ time: row.created_key, id: row.id });
    return roundtableIds.map((id) =>
      toConnection(
        rows.filter((row) => row.roundtable_id === id),
        page.first,
        totals.get(id) ?? 0,
        cursorOf,
        toQuestion,
        !!page.after,
      ),
    );
  }

  private async loadOne(manager: EntityManager, id: string): Promise<QuestionModel> {
    const [row] = await manager.query<QuestionRow[]>(
      `SELECT q.id, q.roundtable_id, q.author_id, q.text, q.vote_count, q.created_at,
              '' AS created_key, r.chatham_house
         FROM roundtable_question q JOIN roundtable r ON r.id = q.roundtable_id WHERE q.id = $1`,
      [id],
    );
    return toQuestion(row);
  }

  private async assertMayTakePart(
    manager: EntityManager,
    roundtable: RoundtableEntity,
    actor: Actor,
    what: 'ask' | 'vote',
  ): Promise<void> {
    if (roundtable.state !== RoundtableState.SCHEDULED) {
      throw wrongState(
        roundtable,
        `questions are gathered before the session only (once LIVE, ${what} in the room).`,
      );
    }
    const registered = await manager
      .getRepository(RegistrationEntity)
      .existsBy({ roundtableId: roundtable.id, accountId: actor.id });
    if (registered || (await isFacilitator(manager, roundtable.id, actor.id))) return;
    throw new RoundtablesError(
      RoundtablesErrorCode.NOT_REGISTERED,
      `Register for "${roundtable.title}" first (registerForRoundtable): only registrants and facilitators ${what} before the session.`,
    );
  }
}
