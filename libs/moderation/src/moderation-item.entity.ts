import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ModerationItemStatus, ModerationTargetKind } from './moderation.enums';

/** The content as it was when first reported (and, for `current`, as it is now). */
export interface ContentSnapshot {
  title?: string | null;
  body?: string | null;
  tags?: string[];
  hidden?: boolean;
  locked?: boolean;
  removed?: boolean;
  handle?: string | null;
  suspendedUntil?: string | null;
  threadId?: string | null;
  link?: string | null;
}

/**
 * One entry of the review queue: every open report on the same target groups here, with a
 * count. A resolved item stays as history; new reports on the target open a new item.
 */
@Entity('moderation_item')
// One OPEN item per target (target_kind, target_id, coalesce(target_seq, 0)): in the migration.
@Index('moderation_item_open_target_key', { synchronize: false })
@Index('moderation_item_queue_idx', ['status', 'createdAt', 'id'])
@Index('moderation_item_kind_queue_idx', ['status', 'targetKind', 'createdAt', 'id'])
@Index('moderation_item_resolved_idx', ['resolvedAt', 'id'])
export class ModerationItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_moderation_item' })
  id: string;

  @Column({
    name: 'target_kind',
    type: 'enum',
    enum: ModerationTargetKind,
    enumName: 'moderation_target_kind',
  })
  targetKind: ModerationTargetKind;

  /** A thread, reply or account id, or the roundtable of a live message. */
  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  /** A live message's seq in its roundtable's log; null for other targets. */
  @Column({ name: 'target_seq', type: 'integer', nullable: true })
  targetSeq: number | null;

  /** Who wrote the content (or the reported member). */
  @Index('moderation_item_author_idx')
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_moderation_item_author' })
  author?: AccountEntity;

  @Column({
    type: 'enum',
    enum: ModerationItemStatus,
    enumName: 'moderation_item_status',
    default: ModerationItemStatus.OPEN,
  })
  status: ModerationItemStatus;

  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount: number;

  /** The content as first reported: it stays even if the author edits or deletes it. */
  @Column({ type: 'jsonb' })
  reported: ContentSnapshot;

  @Column({ name: 'last_reported_at', type: 'timestamptz', default: () => 'now()' })
  lastReportedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by_id', type: 'uuid', nullable: true })
  resolvedById: string | null;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'resolved_by_id', foreignKeyConstraintName: 'FK_moderation_item_resolver' })
  resolvedBy?: AccountEntity;

  /** The action that resolved it (HIDE_CONTENT, DISMISS_REPORTS...). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  resolution: string | null;

  @Column({ name: 'resolution_reason', type: 'varchar', length: 2000, nullable: true })
  resolutionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
