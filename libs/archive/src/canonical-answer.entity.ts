import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';

/** A reply moderators marked as the community's best answer to its question: one per thread. */
@Entity('archive_canonical_answer')
export class CanonicalAnswerEntity {
  @PrimaryColumn({
    name: 'reply_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_archive_canonical_answer',
  })
  replyId: string;

  @Index('archive_canonical_answer_thread_key', { unique: true })
  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ type: 'varchar', length: 2000 })
  reason: string;

  @Column({ name: 'marked_by_id', type: 'uuid' })
  markedById: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({
    name: 'marked_by_id',
    foreignKeyConstraintName: 'FK_archive_canonical_answer_marker',
  })
  markedBy?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
