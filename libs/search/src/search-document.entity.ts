import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SEARCH_VISIBILITIES, SearchVisibility } from './search-document.input';

/**
 * One searchable thing of any domain (a thread, a reply, later a collection or a recap). Domains
 * write it through SearchService in the same transaction as their content. `document` is the
 * weighted tsvector (title A, tags B, body C), always written by the service's SQL.
 * The GIN indexes and the partial `solved` index are created by hand in the migration.
 */
@Entity('search_document')
@Index('search_document_kind_target_key', ['kind', 'targetId'], { unique: true })
@Index('search_document_space_created_idx', ['spaceSlug', 'createdAt'])
@Index('search_document_document_idx', { synchronize: false })
@Index('search_document_tags_idx', { synchronize: false })
@Index('search_document_solved_idx', { synchronize: false })
export class SearchDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_search_document' })
  id: string;

  /** UPPER_CASE kind named by the owning domain: THREAD, REPLY, COLLECTION, RECAP... */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  /** The thing's id in its own domain; no foreign key, search knows no domain tables. */
  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ name: 'space_slug', type: 'text', nullable: true })
  spaceSlug: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({
    type: 'enum',
    enum: SEARCH_VISIBILITIES,
    enumName: 'search_visibility',
    default: 'MEMBERS',
  })
  visibility: SearchVisibility;

  @Column({ type: 'boolean', default: false })
  hidden: boolean;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text' })
  link: string;

  /** Threads: an accepted answer exists; null where it does not apply. */
  @Column({ type: 'boolean', nullable: true })
  solved: boolean | null;

  /** Ranking multiplier (curated entries and canonical answers rank higher). */
  @Column({ type: 'real', default: 1 })
  boost: number;

  @Index('search_document_created_idx')
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'tsvector', select: false })
  document: string;
}
