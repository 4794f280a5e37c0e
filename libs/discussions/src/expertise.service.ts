import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Role } from '@app/core';
import { singleBatchLoader } from './engagement-loaders';
import { EarnedExpertiseModel, SuggestedPeerModel } from './engagement.models';
import { EARNED_SQL, SUGGESTED_PEERS_SQL } from './expertise.sql';
import { Reader } from './reader';

/** Most tags listed per member, best first. */
export const EARNED_EXPERTISE_LIMIT = 20;
/** Peers suggested per question. */
export const SUGGESTED_PEERS_LIMIT = 10;

interface EarnedRow {
  member_id: string;
  tag: string;
  score: number;
  answers: number;
}

interface PeerRow {
  thread_id: string;
  score: number;
  tags: string[];
  invited: boolean;
  id: string;
  handle: string;
  display_name: string;
  role: Role;
  created_at: Date;
  suspended_until: Date | null;
}

/** Earned expertise and suggested peers: one statement per request batch each (expertise.sql). */
@Injectable()
export class ExpertiseService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Anonymous readers see expertise earned in PUBLIC spaces only. */
  earnedLoader(request: object, reader: Reader): DataLoader<string, EarnedExpertiseModel[]> {
    return singleBatchLoader(request, 'discussions.earned', async (ids: readonly string[]) => {
      const rows = await this.dataSource.query<EarnedRow[]>(EARNED_SQL, [ids, reader === null]);
      const byMember = new Map<string, EarnedExpertiseModel[]>();
      for (const row of rows) {
        const list = byMember.get(row.member_id) ?? [];
        if (list.length < EARNED_EXPERTISE_LIMIT) {
          list.push({ tag: row.tag, score: row.score, answers: row.answers });
        }
        byMember.set(row.member_id, list);
      }
      return ids.map((id) => byMember.get(id) ?? []);
    });
  }

  /** Suggested peers by question id (an empty list for discussions and untagged questions). */
  suggestedLoader(request: object): DataLoader<string, SuggestedPeerModel[]> {
    return singleBatchLoader(
      request,
      'discussions.suggested-peers',
      async (ids: readonly string[]) => {
        const rows = await this.dataSource.query<PeerRow[]>(SUGGESTED_PEERS_SQL, [
          ids,
          SUGGESTED_PEERS_LIMIT,
        ]);
        const byThread = new Map<string, SuggestedPeerModel[]>();
        for (const row of rows) {
          const list = byThread.get(row.thread_id) ?? [];
          list.push({
            score: row.score,
            tags: row.tags,
            invited: row.invited,
            member: {
              id: row.id,
              handle: row.handle,
              displayName: row.display_name,
              role: row.role,
              createdAt: row.created_at,
              suspendedUntil: row.suspended_until,
            },
          });
          byThread.set(row.thread_id, list);
        }
        return ids.map((id) => byThread.get(id) ?? []);
      },
    );
  }
}
