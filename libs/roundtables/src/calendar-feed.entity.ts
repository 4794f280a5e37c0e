import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';

/**
 * A member's personal calendar feed. The token is stored as is, not hashed: it is a capability
 * URL (like Google Calendar's secret address) that `me { calendarUrl }` must show again, and it
 * grants only a read of session titles and times. `regenerateCalendarToken` replaces it.
 */
@Entity('calendar_feed')
export class CalendarFeedEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'PK_calendar_feed' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_calendar_feed_account' })
  account?: AccountEntity;

  @Index('calendar_feed_token_key', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
