import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from './roundtable.entity';

/** Who facilitates a roundtable: the host (position 0) and the members they named. */
@Entity('roundtable_facilitator')
export class RoundtableFacilitatorEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_facilitator',
  })
  roundtableId: string;

  @Index('roundtable_facilitator_account_idx')
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_facilitator',
  })
  accountId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_facilitator_roundtable',
  })
  roundtable?: RoundtableEntity;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_roundtable_facilitator_account' })
  account?: AccountEntity;

  /** Order shown: the host first, then as named. */
  @Column({ type: 'smallint' })
  position: number;
}
