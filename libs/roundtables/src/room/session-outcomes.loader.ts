import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { requestLoader } from '@app/core';
import { QuestionModel, TakeawayModel } from '../roundtable.models';

interface TakeawayRow {
  roundtable_id: string;
  id: string;
  text: string;
}

interface QuestionRow {
  roundtable_id: string;
  id: string;
  text: string;
  vote_count: number;
  created_at: Date;
  author_id: string;
  chatham_house: boolean;
}

/** Caps both lists: they feed `previous { takeaways openQuestions }`, a glance, not an archive. */
const PER_SESSION = 50;

/**
 * Where a session left off, for the next one in its series: its pinned takeaways, and the
 * questions still unanswered when it ended. Batched per request, one statement per list.
 */
@Injectable()
export class SessionOutcomes {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  pinnedTakeaways(request: object): DataLoader<string, TakeawayModel[]> {
    return requestLoader(request, 'roundtables.pinnedTakeaways', async (ids) => {
      const rows = await this.dataSource.query<TakeawayRow[]>(
        `SELECT t.roundtable_id, t.id, t.text
           FROM unnest($1::uuid[]) AS k(id)
           CROSS JOIN LATERAL (
             SELECT t.roundtable_id, t.id, t.text, t.pinned_at FROM roundtable_takeaway t
              WHERE t.roundtable_id = k.id AND t.pinned_at IS NOT NULL AND t.removed_at IS NULL
              ORDER BY t.pinned_at, t.id LIMIT ${PER_SESSION}) t
          ORDER BY t.pinned_at, t.id`,
        [ids],
      );
      return ids.map((id) =>
        rows
          .filter((row) => row.roundtable_id === id)
          .map(({ id: rowId, text }) => ({ id: rowId, text })),
      );
    });
  }

  /** Only once the session ended: before that, every question is still open by definition. */
  openQuestions(request: object): DataLoader<string, QuestionModel[]> {
    return requestLoader(request, 'roundtables.openQuestions', async (ids) => {
      const rows = await this.dataSource.query<QuestionRow[]>(
        `SELECT q.* FROM unnest($1::uuid[]) AS k(id)
           JOIN roundtable r ON r.id = k.id AND r.state = 'ENDED'
           CROSS JOIN LATERAL (
             SELECT q.roundtable_id, q.id, q.text, q.vote_count, q.created_at, q.author_id,
                    r.chatham_house
               FROM roundtable_question q
               LEFT JOIN roundtable_question_live l ON l.question_id = q.id
              WHERE q.roundtable_id = k.id AND l.answered_at IS NULL
              ORDER BY q.vote_count DESC, q.created_at, q.id LIMIT ${PER_SESSION}) q
          ORDER BY q.vote_count DESC, q.created_at, q.id`,
        [ids],
      );
      return ids.map((id) =>
        rows
          .filter((row) => row.roundtable_id === id)
          .map((row) => ({
            id: row.id,
            text: row.text,
            voteCount: row.vote_count,
            createdAt: row.created_at,
            roundtableId: row.roundtable_id,
            authorId: row.author_id,
            chathamHouse: row.chatham_house,
          })),
      );
    });
  }
}
