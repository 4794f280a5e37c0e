import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RoomEventEntity } from './room-event.entity';

/**
 * A chat message a moderator hid: its log row became `message.hidden` with an empty payload
 * (so joins, resumes and the record leave the text out for everyone in the room), and its
 * original `message.new` payload waits here for moderators and for a restore.
 */
@Entity('room_hidden_message')
export class HiddenMessageEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_room_hidden_message',
  })
  roundtableId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_room_hidden_message' })
  seq: number;

  @ManyToOne(() => RoomEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'roundtable_id',
      referencedColumnName: 'roundtableId',
      foreignKeyConstraintName: 'FK_room_hidden_message_event',
    },
    {
      name: 'seq',
      referencedColumnName: 'seq',
      foreignKeyConstraintName: 'FK_room_hidden_message_event',
    },
  ])
  event?: RoomEventEntity;

  /** The `message.new` payload as it was sent. */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'hidden_at', type: 'timestamptz' })
  hiddenAt: Date;
}
