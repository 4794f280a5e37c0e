import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from '../roundtable.entity';

/** A raised hand in a live session: one per member; lowered or given the floor, it goes. */
@Entity('roundtable_hand')
export class RaisedHandEntity {
  @PrimaryColumn({
    name: 'roundtable_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_hand',
  })
  roundtableId: string;

  @Index('roundtable_hand_account_idx')
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_hand',
  })
  accountId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundtable_id', foreignKeyConstraintName: 'FK_roundtable_hand_roundtable' })
  roundtable?: RoundtableEntity;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_roundtable_hand_account' })
  account?: AccountEntity;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;
}
