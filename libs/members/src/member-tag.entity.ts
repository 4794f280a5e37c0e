import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { TagEntity } from './tag.entity';

export enum MemberTagKind {
  EXPERTISE = 'EXPERTISE',
  LEARNING = 'LEARNING',
}

/** A tag on a profile: claimed expertise ("can help with") or something the member wants to learn. */
@Entity('member_tag')
@Index('member_tag_tag_kind_idx', ['tagId', 'kind'])
export class MemberTagEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'PK_member_tag' })
  accountId: string;

  @PrimaryColumn({
    type: 'enum',
    enum: MemberTagKind,
    enumName: 'member_tag_kind',
    primaryKeyConstraintName: 'PK_member_tag',
  })
  kind: MemberTagKind;

  @PrimaryColumn({ name: 'tag_id', type: 'uuid', primaryKeyConstraintName: 'PK_member_tag' })
  tagId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_member_tag_account' })
  account?: AccountEntity;

  @ManyToOne(() => TagEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id', foreignKeyConstraintName: 'FK_member_tag_tag' })
  tag?: TagEntity;

  /** Order as the member listed them. */
  @Column({ type: 'smallint' })
  position: number;
}
