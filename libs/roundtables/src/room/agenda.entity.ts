import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RoundtableEntity } from '../roundtable.entity';

/**
 * When one agenda item actually ran (its title and planned minutes stay on the roundtable, which
 * cannot be edited once LIVE). Written from the first `agenda.advance` on.
 */
@Entity('roundtable_agenda_step')
export class AgendaStepEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_agenda_step',
  })
  roundtableId: string;

  @PrimaryColumn({
    type: 'smallint',
    primaryKeyConstraintName: 'PK_roundtable_agenda_step',
  })
  position: number;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_agenda_step_roundtable',
  })
  roundtable?: RoundtableEntity;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
