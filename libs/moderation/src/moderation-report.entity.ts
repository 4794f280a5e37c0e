import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ModerationItemEntity } from './moderation-item.entity';
import { ReportReason } from './moderation.enums';

/**
 * One member's report. A member has at most one open report per target: the partial unique
 * index `moderation_report_open_key (item_id, reporter_id) WHERE resolved_at IS NULL` (in the
 * migration) enforces it, the open item standing for the target.
 */
@Entity('moderation_report')
@Index('moderation_report_open_key', { synchronize: false })
@Index('moderation_report_item_idx', ['itemId', 'createdAt'])
@Index('moderation_report_reporter_idx', ['reporterId', 'createdAt'])
export class ModerationReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_moderation_report' })
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @ManyToOne(() => ModerationItemEntity)
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_moderation_report_item' })
  item?: Relation<ModerationItemEntity>;

  @Column({ name: 'reporter_id', type: 'uuid' })
  reporterId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'reporter_id', foreignKeyConstraintName: 'FK_moderation_report_reporter' })
  reporter?: AccountEntity;

  @Column({ type: 'enum', enum: ReportReason, enumName: 'moderation_report_reason' })
  reason: ReportReason;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
