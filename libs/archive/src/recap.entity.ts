import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { RecapStatus } from './archive.enums';

/** A person as a recap shows them; never stored for Chatham House sessions. */
export interface RecapPerson {
  handle: string;
  displayName: string;
}

/** What a recap holds, built from the session's record and edited by curators (jsonb). */
export interface RecapContent {
  sections: Array<{
    title: string;
    startedAt: string | null;
    endedAt: string | null;
    moments: RecapMoment[];
  }>;
  takeaways: Array<{ text: string; author: RecapPerson | null }>;
  answeredQuestions: Array<{
    id: string;
    text: string;
    answer: string | null;
    votes: number;
    author: RecapPerson | null;
  }>;
  unansweredQuestions: Array<{
    id: string;
    text: string;
    votes: number;
    author: RecapPerson | null;
  }>;
  polls: Array<{
    question: string;
    total: number;
    options: Array<{ text: string; votes: number; percent: number }>;
  }>;
  attendance: { joinedCount: number; minutesPresent: number };
}

export interface RecapMoment {
  seq: number;
  text: string;
  sentAt: string;
  reactions: number;
  author: RecapPerson | null;
}

/** A roundtable session's recap: one per session, a draft until published. */
@Entity('archive_recap')
@Index('archive_recap_status_idx', ['status', 'createdAt', 'id'])
export class RecapEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_archive_recap' })
  id: string;

  /** The roundtable (no foreign key: the roundtables domain's row). */
  @Index('archive_recap_roundtable_key', { unique: true })
  @Column({ name: 'roundtable_id', type: 'uuid' })
  roundtableId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The curator's introduction (markdown). */
  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ name: 'summary_html', type: 'text', default: '' })
  summaryHtml: string;

  @Column({
    type: 'enum',
    enum: RecapStatus,
    enumName: 'archive_recap_status',
    default: RecapStatus.DRAFT,
  })
  status: RecapStatus;

  @Column({ name: 'chatham_house', type: 'boolean' })
  chathamHouse: boolean;

  @Column({ type: 'jsonb' })
  content: RecapContent;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_archive_recap_creator' })
  createdBy?: AccountEntity;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An unanswered question of a recap opened as a thread (nothing asked is lost). */
@Entity('archive_recap_question_thread')
export class RecapQuestionThreadEntity {
  @PrimaryColumn({
    name: 'recap_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_archive_recap_question_thread',
  })
  recapId: string;

  @PrimaryColumn({
    name: 'question_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_archive_recap_question_thread',
  })
  questionId: string;

  @ManyToOne(() => RecapEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'recap_id',
    foreignKeyConstraintName: 'FK_archive_recap_question_thread_recap',
  })
  recap?: RecapEntity;

  /** The thread (no foreign key: the discussions domain's row). */
  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
