import {
  CreateDateColumn,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { NotificationKind } from './notification-kind';

/** A member's choice for one kind; no row means the kind is on. */
@Entity('notification_preference')
export class NotificationPreferenceEntity {
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_notification_preference',
  })
  accountId: string;

  // Core exports no entities: the relation names core's table and only declares the foreign key.
  @ManyToOne('account', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'account_id',
    foreignKeyConstraintName: 'FK_notification_preference_account',
  })
  account?: unknown;

  @PrimaryColumn({
    type: 'varchar',
    length: 40,
    primaryKeyConstraintName: 'PK_notification_preference',
  })
  kind: NotificationKind;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
