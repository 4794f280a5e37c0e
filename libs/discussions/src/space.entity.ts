import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';

export enum SpaceVisibility {
  MEMBERS = 'MEMBERS',
  PUBLIC = 'PUBLIC',
}

/** An area of practice threads are posted in (engagement, governance...). */
@Entity('discussion_space')
@Index('discussion_space_name_idx', ['name', 'id'])
export class SpaceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_discussion_space' })
  id: string;

  @Index('discussion_space_slug_key', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  slug: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string;

  @Column({
    type: 'enum',
    enum: SpaceVisibility,
    enumName: 'discussion_space_visibility',
    default: SpaceVisibility.MEMBERS,
  })
  visibility: SpaceVisibility;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_discussion_space_creator' })
  createdBy?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
