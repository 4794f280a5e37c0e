import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ReplyEntity } from './reply.entity';

/** The asker's rating of the structured feedback a reply carries: one per reply. */
@Entity('discussion_feedback_rating')
export class FeedbackRatingEntity {
  @PrimaryColumn({
    name: 'reply_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_feedback_rating',
  })
  replyId: string;

  @ManyToOne(() => ReplyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'reply_id',
    foreignKeyConstraintName: 'FK_discussion_feedback_rating_reply',
  })
  reply?: Relation<ReplyEntity>;

  /** The thread's asker when they rated (kept for the record). */
  @Column({ name: 'rater_id', type: 'uuid' })
  raterId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({
    name: 'rater_id',
    foreignKeyConstraintName: 'FK_discussion_feedback_rating_rater',
  })
  rater?: AccountEntity;

  @Column({ type: 'boolean' })
  useful: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
