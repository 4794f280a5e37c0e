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
import { CollectionStatus } from './archive.enums';

/** A curated, ordered set of threads, replies and recaps with a summary (markdown). */
@Entity('archive_collection')
@Index('archive_collection_created_idx', ['createdAt', 'id'])
@Index('archive_collection_status_created_idx', ['status', 'createdAt', 'id'])
// GIN (tags): in the migration.
@Index('archive_collection_tags_idx', { synchronize: false })
export class CollectionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_archive_collection' })
  id: string;

  @Index('archive_collection_slug_key', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'summary_html', type: 'text' })
  summaryHtml: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({
    type: 'enum',
    enum: CollectionStatus,
    enumName: 'archive_collection_status',
    default: CollectionStatus.DRAFT,
  })
  status: CollectionStatus;

  @Column({ name: 'created_by_id', type: 'uuid' })
  createdById: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_archive_collection_creator' })
  createdBy?: AccountEntity;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
