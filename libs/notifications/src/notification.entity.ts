import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { NotificationKind } from './notification-kind';

/**
 * One notification in a member's inbox. The inbox index (recipient_id, created_at DESC, id DESC)
 * and the partial unread index are written by hand in the migration (TypeORM cannot declare
 * either), so they are `synchronize: false` here.
 */
@Entity('notification')
@Index('notification_inbox_idx', { synchronize: false })
@Index('notification_unread_idx', { synchronize: false })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_notification' })
  id: string;

  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  // Core exports no entities: the relation names core's table and only declares the foreign key.
  @ManyToOne('account', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'FK_notification_recipient' })
  recipient?: unknown;

  @Column({ type: 'varchar', length: 40 })
  kind: NotificationKind;

  @Index('notification_actor_idx')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne('account', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_notification_actor' })
  actor?: unknown;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  link: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
