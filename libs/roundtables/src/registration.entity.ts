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
import { RoundtableEntity } from './roundtable.entity';

export enum RegistrationStatus {
  REGISTERED = 'REGISTERED',
  WAITLISTED = 'WAITLISTED',
}

/**
 * A member's seat or place in the queue. Cancelling deletes the row; waitlist positions are
 * kept gap-free (1, 2, 3...) by the writes that hold the roundtable's row lock.
 */
@Entity('roundtable_registration')
@Index('roundtable_registration_queue_idx', ['roundtableId', 'status', 'position'])
export class RegistrationEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_registration',
  })
  roundtableId: string;

  @Index('roundtable_registration_account_idx')
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_registration',
  })
  accountId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_registration_roundtable',
  })
  roundtable?: RoundtableEntity;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'account_id',
    foreignKeyConstraintName: 'FK_roundtable_registration_account',
  })
  account?: AccountEntity;

  @Column({
    type: 'enum',
    enum: RegistrationStatus,
    enumName: 'roundtable_registration_status',
  })
  status: RegistrationStatus;

  /** Place on the waitlist (1 is next for a seat); null once registered. */
  @Column({ type: 'integer', nullable: true })
  position: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Last status change (a promotion from the waitlist, say). */
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
