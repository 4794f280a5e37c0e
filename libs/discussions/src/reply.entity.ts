import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ThreadEntity } from './thread.entity';

/**
 * A reply anywhere in a thread's tree. `path` is a materialised path (see reply-path.ts): ordering
 * by it is pre-order, so the whole tree loads in one indexed statement.
 */
@Entity('discussion_reply')
@Index('discussion_reply_thread_path_key', ['threadId', 'path'], { unique: true })
@Index('discussion_reply_parent_idx', ['parentReplyId', 'path'])
@Index('discussion_reply_author_idx', ['authorId', 'createdAt'])
@Index('discussion_reply_idempotency_key', ['authorId', 'idempotencyKey'], { unique: true })
// Partial index for the top level of a thread: created in the migration.
@Index('discussion_reply_top_level_idx', { synchronize: false })
export class ReplyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_discussion_reply' })
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @ManyToOne(() => ThreadEntity)
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'FK_discussion_reply_thread' })
  thread?: Relation<ThreadEntity>;

  @Column({ name: 'parent_reply_id', type: 'uuid', nullable: true })
  parentReplyId: string | null;

  @ManyToOne(() => ReplyEntity)
  @JoinColumn({ name: 'parent_reply_id', foreignKeyConstraintName: 'FK_discussion_reply_parent' })
  parentReply?: ReplyEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_discussion_reply_author' })
  author?: AccountEntity;

  /** Byte order ("C") so that pre-order does not depend on the database's locale. */
  @Column({ type: 'varchar', length: 2000, collation: 'C' })
  path: string;

  @Column({ type: 'integer' })
  depth: number;

  /** Last position handed to a child of this reply. */
  @Column({ name: 'next_position', type: 'integer', default: 0 })
  nextPosition: number;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Column({ name: 'feedback_worked', type: 'varchar', length: 1000, nullable: true })
  feedbackWorked: string | null;

  @Column({ name: 'feedback_would_change', type: 'varchar', length: 1000, nullable: true })
  feedbackWouldChange: string | null;

  @Column({ name: 'feedback_risks', type: 'varchar', length: 1000, nullable: true })
  feedbackRisks: string | null;

  @Column({ name: 'mention_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mentionIds: string[];

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
