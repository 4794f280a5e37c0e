import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from '../roundtable.entity';

/**
 * One turn at the floor. The open turn (`ended_at` null, at most one per session: a partial
 * unique index made in the migration) is who speaks now; past turns say who has spoken.
 */
@Entity('roundtable_floor_turn')
@Index('roundtable_floor_turn_speaker_idx', ['roundtableId', 'speakerId'])
@Index('roundtable_floor_turn_open_key', { synchronize: false })
export class FloorTurnEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_roundtable_floor_turn' })
  id: string;

  @Column({ name: 'roundtable_id', type: 'uuid' })
  roundtableId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_floor_turn_roundtable',
  })
  roundtable?: RoundtableEntity;

  @Index('roundtable_floor_turn_account_idx')
  @Column({ name: 'speaker_id', type: 'uuid' })
  speakerId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'speaker_id', foreignKeyConstraintName: 'FK_roundtable_floor_turn_speaker' })
  speaker?: AccountEntity;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
