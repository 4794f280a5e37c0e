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
import { SpaceEntity } from './space.entity';

export enum ThreadKind {
  QUESTION = 'QUESTION',
  DISCUSSION = 'DISCUSSION',
}

/** A question or discussion in a space. Reply tree positions come from `next_position`. */
@Entity('discussion_thread')
@Index('discussion_thread_activity_idx', ['lastActivityAt', 'id'])
@Index('discussion_thread_created_idx', ['createdAt', 'id'])
@Index('discussion_thread_score_idx', ['score', 'createdAt', 'id'])
@Index('discussion_thread_space_activity_idx', ['spaceId', 'lastActivityAt', 'id'])
@Index('discussion_thread_author_created_idx', ['authorId', 'createdAt', 'id'])
@Index('discussion_thread_kind_activity_idx', ['kind', 'lastActivityAt', 'id'])
@Index('discussion_thread_idempotency_key', ['authorId', 'idempotencyKey'], { unique: true })
// Partial indexes for the UNANSWERED order and the solved filter: created in the migration.
@Index('discussion_thread_unanswered_idx', { synchronize: false })
@Index('discussion_thread_solved_idx', { synchronize: false })
// Pinned first within a space (moderation's migration; an expression index).
@Index('discussion_thread_space_pinned_idx', { synchronize: false })
export class ThreadEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_discussion_thread' })
  id: string;

  @Column({ name: 'space_id', type: 'uuid' })
  spaceId: string;

  @ManyToOne(() => SpaceEntity)
  @JoinColumn({ name: 'space_id', foreignKeyConstraintName: 'FK_discussion_thread_space' })
  space?: Relation<SpaceEntity>;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_discussion_thread_author' })
  author?: AccountEntity;

  @Column({ type: 'enum', enum: ThreadKind, enumName: 'discussion_thread_kind' })
  kind: ThreadKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** Markdown as written. */
  @Column({ type: 'text' })
  body: string;

  /** Rendered once on write: reads never run markdown. */
  @Column({ name: 'body_html', type: 'text' })
  bodyHtml: string;

  @Index('discussion_thread_tags_idx', { type: 'gin' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'mention_ids', type: 'uuid', array: true, default: () => "'{}'" })
  mentionIds: string[];

  /** Replies members can see (neither deleted nor hidden). */
  @Column({ name: 'reply_count', type: 'integer', default: 0 })
  replyCount: number;

  /** The TOP order; the reply count until reactions add to it. */
  @Column({ type: 'integer', default: 0 })
  score: number;

  /** Last position handed to a top-level reply (its path segment). */
  @Column({ name: 'next_position', type: 'integer', default: 0 })
  nextPosition: number;

  @Column({ name: 'accepted_reply_id', type: 'uuid', nullable: true })
  acceptedReplyId: string | null;

  // By entity name: reply.entity.ts imports this file, and imports must not form a cycle.
  @ManyToOne('ReplyEntity', { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'accepted_reply_id',
    foreignKeyConstraintName: 'FK_discussion_thread_accepted_reply',
  })
  acceptedReply?: object;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true })
  idempotencyKey: string | null;

  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true })
  hiddenAt: Date | null;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Set by moderators (migration 1764800000000-Moderation): pinned threads lead their space. */
  @Column({ name: 'pinned_at', type: 'timestamptz', nullable: true })
  pinnedAt: Date | null;

  /** Set by a moderators' merge: the replies moved there and this thread redirects. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => ThreadEntity)
  @JoinColumn({
    name: 'merged_into_id',
    foreignKeyConstraintName: 'FK_discussion_thread_merged_into',
  })
  mergedInto?: Relation<ThreadEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
