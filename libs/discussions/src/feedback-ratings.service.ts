import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { DiscussionsError } from './discussions.errors';
import { EngagementError, EngagementErrorCode } from './engagement.errors';
import { singleBatchLoader } from './engagement-loaders';
import { isStaff } from './reader';
import { ReplyModel } from './reply.model';
import { ReplyQueries } from './reply-queries.service';

interface RatedReply {
  author_id: string;
  thread_author_id: string;
  has_feedback: boolean;
  gone: boolean;
  hidden: boolean;
}

/** The asker's rating of the structured feedback on replies to their thread. */
@Injectable()
export class FeedbackRatingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replies: ReplyQueries,
  ) {}

  /** Rates (true/false) or takes the rating back (null); answers with the reply. */
  async rate(
    actor: AuthenticatedMember,
    replyId: string,
    useful: boolean | null,
  ): Promise<ReplyModel> {
    const [reply] = await this.dataSource.query<RatedReply[]>(
      `SELECT r.author_id, t.author_id AS thread_author_id,
              (r.feedback_worked IS NOT NULL OR r.feedback_would_change IS NOT NULL
                OR r.feedback_risks IS NOT NULL) AS has_feedback,
              (r.deleted_at IS NOT NULL OR t.deleted_at IS NOT NULL) AS gone,
              (r.hidden_at IS NOT NULL OR t.hidden_at IS NOT NULL) AS hidden
         FROM discussion_reply r JOIN discussion_thread t ON t.id = r.thread_id
        WHERE r.id = $1`,
      [replyId],
    );
    if (!reply || reply.gone || (reply.hidden && !isStaff(actor))) {
      throw DiscussionsError.replyNotFound();
    }
    if (reply.thread_author_id !== actor.id) throw EngagementError.notAsker('rate feedback');
    if (reply.author_id === actor.id) {
      throw new EngagementError(
        EngagementErrorCode.OWN_POST,
        'You cannot rate the feedback on your own reply.',
      );
    }
    if (!reply.has_feedback) {
      throw new EngagementError(
        EngagementErrorCode.NO_FEEDBACK,
        'This reply carries no structured feedback to rate.',
        { fields: { replyId: ['has no feedback'] } },
      );
    }
    if (useful === null) {
      await this.dataSource.query('DELETE FROM discussion_feedback_rating WHERE reply_id = $1', [
        replyId,
      ]);
    } else {
      await this.dataSource.query(
        `INSERT INTO discussion_feedback_rating (reply_id, rater_id, useful) VALUES ($1, $2, $3)
         ON CONFLICT (reply_id) DO UPDATE
           SET useful = EXCLUDED.useful, rater_id = EXCLUDED.rater_id, updated_at = now()`,
        [replyId, actor.id, useful],
      );
    }
    const answer = await this.replies.find(replyId, actor);
    if (!answer) throw DiscussionsError.replyNotFound();
    return answer;
  }

  /** The asker's rating by reply id (null: not rated), batched per request. */
  loader(request: object): DataLoader<string, boolean | null> {
    return singleBatchLoader(
      request,
      'discussions.feedback-rating',
      async (ids: readonly string[]) => {
        const rows = await this.dataSource.query<Array<{ reply_id: string; useful: boolean }>>(
          'SELECT reply_id, useful FROM discussion_feedback_rating WHERE reply_id = ANY($1::uuid[])',
          [ids],
        );
        const byId = new Map(rows.map((row) => [row.reply_id, row.useful]));
        return ids.map((id) => byId.get(id) ?? null);
      },
    );
  }
}
