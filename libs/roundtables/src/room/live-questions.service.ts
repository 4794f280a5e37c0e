import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, MemberRef, assertLive, iso, memberJson } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomLog } from './room-log';

export const QUESTION_NEW = 'question.new';
export const QUESTION_CHANGED = 'question.changed';
/** The snapshot lists this many questions, most voted first. */
export const SNAPSHOT_QUESTIONS = 200;

/** A question as room events show it (the same for everyone). */
export interface LiveQuestion {
  id: string;
  text: string;
  voteCount: number;
  createdAt: string;
  /** Asked in the room (false: gathered before the session). */
  askedLive: boolean;
  answered: boolean;
  answer: string | null;
  answeredAt: string | null;
  /** Null in Chatham House sessions: what is said may be used, not who said it. */
  author: MemberRef | null;
}

/** In the snapshot, also what only the viewer knows. */
export interface ViewerQuestion extends LiveQuestion {
  mine: boolean;
  upvoted: boolean;
}

interface QuestionRow {
  id: string;
  text: string;
  vote_count: number;
  created_at: Date;
  asked_live: boolean | null;
  answer: string | null;
  answered_at: Date | null;
  author: MemberRef;
  chatham_house: boolean;
  upvoted?: boolean;
}

/** Questions with their live state; `extra` adds columns. */
const selectQuestions = (extra = '') => `
  SELECT q.id, q.text, q.vote_count, q.created_at, l.asked_live, l.answer, l.answered_at,
         ${memberJson('a')} AS author, r.chatham_house ${extra}
    FROM roundtable_question q
    JOIN roundtable r ON r.id = q.roundtable_id
    JOIN account a ON a.id = q.author_id
    LEFT JOIN roundtable_question_live l ON l.question_id = q.id`;

/**
 * Live Q&A over the questions gathered before the session (roundtable_question and its votes):
 * asked in the room they join the same table; answers live in roundtable_question_live.
 */
@Injectable()
export class LiveQuestionsService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
  ) {}

  ask(
    member: Actor,
    sessionId: string,
    text: string,
  ): Promise<{ seq: number; questionId: string }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { write: true });
      const [row] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO roundtable_question (roundtable_id, author_id, text, created_at)
         VALUES ($1, $2, $3, clock_timestamp()) RETURNING id`,
        [sessionId, member.id, text],
      );
      await manager.query(
        `INSERT INTO roundtable_question_live (question_id, asked_live) VALUES ($1, true)`,
        [row.id],
      );
      const question = await this.load(manager, sessionId, row.id);
      const event = await append(QUESTION_NEW, { question }, member.id);
      return { seq: event.seq, questionId: row.id };
    });
  }

  /** One upvote per member and question, before or during the session: a second is CONFLICT. */
  upvote(
    member: Actor,
    sessionId: string,
    questionId: string,
  ): Promise<{ seq: number; voteCount: number }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager);
      await this.load(manager, sessionId, questionId);
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO roundtable_question_vote (question_id, account_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING question_id`,
        [questionId, member.id],
      );
      if (!inserted.length) {
        throw new RoomActivityError(
          RoomActivityErrorCode.ALREADY_UPVOTED,
          'You already upvoted this question; each member votes once per question.',
        );
      }
      await manager.query(
        'UPDATE roundtable_question SET vote_count = vote_count + 1 WHERE id = $1',
        [questionId],
      );
      const question = await this.load(manager, sessionId, questionId);
      const event = await append(QUESTION_CHANGED, { question }, member.id);
      return { seq: event.seq, voteCount: question.voteCount };
    });
  }

  /**
   * Facilitators mark a question answered, with an optional written answer. Answering again
   * keeps the first time and replaces the text when one is sent.
   */
  answer(
    member: Actor,
    sessionId: string,
    questionId: string,
    answer?: string,
  ): Promise<{ seq: number }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      await this.load(manager, sessionId, questionId);
      await manager.query(
        `INSERT INTO roundtable_question_live (question_id, answer, answered_at)
         VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (question_id) DO UPDATE
           SET answered_at = COALESCE(roundtable_question_live.answered_at, EXCLUDED.answered_at),
               answer = COALESCE(EXCLUDED.answer, roundtable_question_live.answer)`,
        [questionId, answer ?? null],
      );
      const question = await this.load(manager, sessionId, questionId);
      const event = await append(QUESTION_CHANGED, { question }, member.id);
      return { seq: event.seq };
    });
  }

  /** The snapshot: most votes first; the author shown to themselves and moderators in Chatham House. */
  async snapshot(
    manager: EntityManager,
    sessionId: string,
    viewer: AuthenticatedMember,
  ): Promise<ViewerQuestion[]> {
    const rows = await manager.query<QuestionRow[]>(
      `${selectQuestions(
        `, EXISTS (SELECT 1 FROM roundtable_question_vote v
                    WHERE v.question_id = q.id AND v.account_id = $2) AS upvoted`,
      )}
        WHERE q.roundtable_id = $1
        ORDER BY q.vote_count DESC, q.created_at, q.id LIMIT ${SNAPSHOT_QUESTIONS}`,
      [sessionId, viewer.id],
    );
    const moderator = hasRole(viewer, Role.MODERATOR);
    return rows.map((row) => {
      const mine = row.author.id === viewer.id;
      return {
        ...toQuestion(row, row.chatham_house && !mine && !moderator),
        mine,
        upvoted: row.upvoted ?? false,
      };
    });
  }

  /** For the record: every question with its votes and answer; names only outside Chatham House. */
  async record(manager: EntityManager, sessionId: string, chathamHouse: boolean) {
    const rows = await manager.query<QuestionRow[]>(
      `${selectQuestions()} WHERE q.roundtable_id = $1 ORDER BY q.vote_count DESC, q.created_at, q.id`,
      [sessionId],
    );
    return rows.map((row) => toQuestion(row, chathamHouse));
  }

  /** The question as everyone sees it; NOT_FOUND unless it belongs to this session. */
  private async load(
    manager: EntityManager,
    sessionId: string,
    questionId: string,
  ): Promise<LiveQuestion> {
    const [row] = await manager.query<QuestionRow[]>(
      `${selectQuestions()} WHERE q.id = $1 AND q.roundtable_id = $2`,
      [questionId, sessionId],
    );
    if (!row) {
      throw new RoomActivityError(
        RoomActivityErrorCode.QUESTION_NOT_FOUND,
        `This session has no question with the id "${questionId}".`,
      );
    }
    return toQuestion(row, row.chatham_house);
  }
}

function toQuestion(row: QuestionRow, hideAuthor: boolean): LiveQuestion {
  return {
    id: row.id,
    text: row.text,
    voteCount: row.vote_count,
    createdAt: row.created_at.toISOString(),
    askedLive: row.asked_live ?? false,
    answered: row.answered_at !== null,
    answer: row.answer,
    answeredAt: iso(row.answered_at),
    author: hideAuthor ? null : row.author,
  };
}
