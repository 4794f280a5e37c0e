import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RoundtableEntity } from '../roundtable.entity';

/** The record written when a session ends, as published (no names in Chatham House sessions). */
@Entity('room_record')
export class RoomRecordEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_room_record',
  })
  roundtableId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundtable_id', foreignKeyConstraintName: 'FK_room_record_roundtable' })
  roundtable?: RoundtableEntity;

  @Column({ type: 'jsonb' })
  record: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
