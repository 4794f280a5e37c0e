import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RoundtableEntity } from '../roundtable.entity';

/**
 * Reactions counted per message (its seq; 0 is the room) and emoji. Reactions are not stored one
 * by one: each node adds what it gathered in a short window.
 */
@Entity('roundtable_reaction_count')
export class ReactionCountEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_reaction_count',
  })
  roundtableId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_roundtable_reaction_count' })
  seq: number;

  @PrimaryColumn({
    type: 'varchar',
    length: 16,
    primaryKeyConstraintName: 'PK_roundtable_reaction_count',
  })
  emoji: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_reaction_count_roundtable',
  })
  roundtable?: RoundtableEntity;

  @Column({ type: 'integer', default: 0 })
  count: number;
}
