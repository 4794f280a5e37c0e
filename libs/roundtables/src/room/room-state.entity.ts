import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RoundtableEntity } from '../roundtable.entity';

/**
 * One row per session with a room: the sequence counter (its row lock orders the log) and the
 * room's controls. Created on first use by RoomLog.
 */
@Entity('room_state')
export class RoomStateEntity {
  @PrimaryColumn({ name: 'roundtable_id', type: 'uuid', primaryKeyConstraintName: 'PK_room_state' })
  roundtableId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundtable_id', foreignKeyConstraintName: 'FK_room_state_roundtable' })
  roundtable?: RoundtableEntity;

  /** The last seq handed out (0: none yet). */
  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  /** `room.lock`: no new joins. */
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  /** Set when the record was written: nothing more is stored. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
