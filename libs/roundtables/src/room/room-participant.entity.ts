import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from '../roundtable.entity';

/**
 * A member who joined a session's room at least once: their controls (muted, removed) and the
 * time they were present, for the record's attendance.
 */
@Entity('room_participant')
export class RoomParticipantEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_room_participant',
  })
  roundtableId: string;

  @Index('room_participant_account_idx')
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_room_participant',
  })
  accountId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundtable_id', foreignKeyConstraintName: 'FK_room_participant_roundtable' })
  roundtable?: RoundtableEntity;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_room_participant_account' })
  account?: AccountEntity;

  /** Muted in the chat by a facilitator or a moderator. */
  @Column({ type: 'boolean', default: false })
  muted: boolean;

  /** Removed: out of the room, and may not rejoin this session. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ name: 'first_joined_at', type: 'timestamptz', default: () => 'now()' })
  firstJoinedAt: Date;

  /** Since when at least one of their sockets is in the room; null while away. */
  @Column({ name: 'present_since', type: 'timestamptz', nullable: true })
  presentSince: Date | null;

  /** Time present in closed stretches (the open one is added when it closes). */
  @Column({ name: 'present_seconds', type: 'integer', default: 0 })
  presentSeconds: number;
}
