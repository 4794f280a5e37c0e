import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LiveQuestion } from './room/live-questions.service';
import { LivePoll } from './room/polls.service';
import { ReactionTally } from './room/reactions.rules';
import { StoredRecord } from './room/record-writer';
import { LiveTakeaway } from './room/takeaways.service';

/** A session's record as published, with the room activities' parts typed. */
export interface PublishedRecord extends Omit<StoredRecord, 'parts'> {
  questions: LiveQuestion[];
  takeaways: LiveTakeaway[];
  polls: LivePoll[];
  reactions: ReactionTally[];
}

/**
 * Read-only access to ended sessions' records for other libraries (the archive builds recaps
 * from them). What it answers is what the record publishes: no names under Chatham House.
 * Rights are the caller's business.
 */
@Injectable()
export class RoundtableRecords {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null until the session ended and its record was written. */
  async find(roundtableId: string): Promise<PublishedRecord | null> {
    const [row] = await this.dataSource.query<Array<{ record: StoredRecord }>>(
      'SELECT record FROM room_record WHERE roundtable_id = $1',
      [roundtableId],
    );
    if (!row) return null;
    const { parts, ...record } = row.record;
    const part = <T>(name: string): T[] => {
      const value = parts?.[name];
      return Array.isArray(value) ? (value as T[]) : [];
    };
    return {
      ...record,
      questions: part<LiveQuestion>('questions'),
      takeaways: part<LiveTakeaway>('takeaways'),
      polls: part<LivePoll>('polls'),
      reactions: part<ReactionTally>('reactions'),
    };
  }

  /** The sessions whose records were written last, newest first (e.g. for demo recaps). */
  async recent(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ roundtable_id: string }>>(
      'SELECT roundtable_id FROM room_record ORDER BY created_at DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => row.roundtable_id);
  }
}
