import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';

export enum ProfileVisibility {
  MEMBERS = 'MEMBERS',
  PUBLIC = 'PUBLIC',
}

/** The profile extending an account (core); same id, one row per member who edited theirs. */
@Entity('member_profile')
@Index('member_profile_organization_idx', { synchronize: false })
export class ProfileEntity {
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_member_profile',
  })
  accountId: string;

  @OneToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_member_profile_account' })
  account?: AccountEntity;

  @Column({ type: 'varchar', length: 120, nullable: true })
  headline: string | null;

  /** Markdown as written; rendered to HTML on read. */
  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  organization: string | null;

  @Column({ name: 'job_title', type: 'varchar', length: 120, nullable: true })
  jobTitle: string | null;

  @Column({ name: 'years_of_practice', type: 'smallint', nullable: true })
  yearsOfPractice: number | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  location: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  links: string[];

  @Column({ name: 'avatar_url', type: 'varchar', length: 2000, nullable: true })
  avatarUrl: string | null;

  @Column({
    type: 'enum',
    enum: ProfileVisibility,
    enumName: 'profile_visibility',
    default: ProfileVisibility.MEMBERS,
  })
  visibility: ProfileVisibility;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
