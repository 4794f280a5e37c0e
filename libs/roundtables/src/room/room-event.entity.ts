import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from '../roundtable.entity';

/**
 * The sequence log: every stored room event, gap-free per session. `actor_id` keeps who did it,
 * even in Chatham House sessions (for moderators acting on a report; never published).
 */
@Entity('room_event')
// A retried `message.send` finds its first seq: (session, author, clientId), created in the migration.
@Index('room_event_message_client_idx', { synchronize: false })
export class RoomEventEntity {
  @PrimaryColumn({ name: 'roundtable_id', type: 'uuid', primaryKeyConstraintName: 'PK_room_event' })
  roundtableId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_room_event' })
  seq: number;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundtable_id', foreignKeyConstraintName: 'FK_room_event_roundtable' })
  roundtable?: RoundtableEntity;

  /** The server event's name (`message.new`, `participant.muted`, ...). */
  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Index('room_event_actor_idx')
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_room_event_actor' })
  actor?: AccountEntity | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
