import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedMember, renderMarkdown } from '@app/core';
import { TagsService } from '@app/members';
import { CollectionStatus } from './archive.enums';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { ArchiveSearch } from './archive-search';
import { ArchiveTargets } from './archive-targets';
import { isCurator } from './collection-queries.service';
import {
  COLLECTION_COLUMNS,
  CollectionRow,
  ENTRY_COLUMNS,
  EntryRow,
  targetOf,
  toCollectionModel,
  toEntryModel,
} from './collection-rows';
import { CollectionEntryModel, CollectionModel } from './collection.models';
import {
  AddCollectionEntryInput,
  CreateCollectionInput,
  MAX_TAGS,
  MoveCollectionEntryInput,
  UpdateCollectionInput,
} from './dto/collection.inputs';

export type Curator = Pick<AuthenticatedMember, 'id' | 'role'>;

/** A collection holds at most this many entries: its entries are a plain list. */
export const MAX_ENTRIES = 200;

export function assertCurator(actor: Curator): void {
  if (!isCurator(actor)) throw ArchiveError.notACurator();
}

export function assertFuture(reviewBy: Date | null | undefined, field = 'reviewBy'): void {
  if (reviewBy && reviewBy.getTime() <= Date.now()) {
    throw ArchiveError.field(
      ArchiveErrorCode.INVALID_REVIEW_BY,
      field,
      'must be in the future',
      'A review date must be in the future.',
    );
  }
}

export function oneTarget(input: Parameters<typeof targetOf>[0]) {
  const target = targetOf(input);
  if (!target) {
    throw new ArchiveError(
      ArchiveErrorCode.ONE_TARGET,
      'Name exactly one of threadId, replyId and recapId.',
      { fields: { input: ['exactly one of threadId, replyId, recapId'] } },
    );
  }
  return target;
}

/** PostgreSQL's unique violation on `constraint`. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driver?.code === '23505' && driver.constraint === constraint;
}

/**
 * Curating collections: every write checks the curator, locks the collection row (entries'
 * positions change under that lock only) and keeps search in step in the same transaction.
 */
@Injectable()
export class CollectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly targets: ArchiveTargets,
    private readonly archiveSearch: ArchiveSearch,
  ) {}

  async create(actor: Curator, input: CreateCollectionInput): Promise<CollectionModel> {
    assertCurator(actor);
    const tags = this.tags.normalise(input.tags, 'input.tags', MAX_TAGS);
    return this.dataSource.transaction(async (manager) => {
      await this.useTags([], tags, manager);
      const rows = await this.guardSlug(() =>
        manager.query<CollectionRow[]>(
          `INSERT INTO archive_collection AS c (slug, title, summary, summary_html, tags, created_by_id)
           VALUES ($1, $2, $3, $4, $5::text[], $6) RETURNING ${COLLECTION_COLUMNS}`,
          [input.slug, input.title, input.summary, renderMarkdown(input.summary), tags, actor.id],
        ),
      );
      return toCollectionModel(rows[0]);
    });
  }

  async update(actor: Curator, input: UpdateCollectionInput): Promise<CollectionModel> {
    assertCurator(actor);
    const tags = input.tags && this.tags.normalise(input.tags, 'input.tags', MAX_TAGS);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lock(input.slug, manager);
      if (tags) await this.useTags(before.tags, tags, manager);
      const summary = input.summary ?? before.summary;
      const [rows] = await this.guardSlug(() =>
        manager.query<[CollectionRow[], number]>(
          `UPDATE archive_collection c SET slug = $2, title = $3, summary = $4, summary_html = $5,
                  tags = $6::text[], updated_at = now()
            WHERE id = $1 RETURNING ${COLLECTION_COLUMNS}`,
          [
            before.id,
            input.newSlug ?? before.slug,
            input.title ?? before.title,
            summary,
            renderMarkdown(summary),
            tags ?? before.tags,
          ],
        ),
      );
      await this.archiveSearch.indexCollection(before.id, manager);
      return toCollectionModel(rows[0]);
    });
  }

  publish(actor: Curator, slug: string): Promise<CollectionModel> {
    return this.setStatus(actor, slug, CollectionStatus.PUBLISHED);
  }

  unpublish(actor: Curator, slug: string): Promise<CollectionModel> {
    return this.setStatus(actor, slug, CollectionStatus.DRAFT);
  }

  private async setStatus(actor: Curator, slug: string, status: CollectionStatus) {
    assertCurator(actor);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lock(slug, manager);
      if (before.status === status) {
        throw new ArchiveError(
          ArchiveErrorCode.NO_CHANGE,
          `The collection is already ${status === CollectionStatus.DRAFT ? 'a draft' : 'published'}.`,
        );
      }
      const [[row]] = await manager.query<[CollectionRow[], number]>(
        `UPDATE archive_collection c SET status = $2::archive_collection_status,
                published_at = CASE WHEN $2::archive_collection_status = 'PUBLISHED' THEN now() END,
                updated_at = now()
          WHERE id = $1 RETURNING ${COLLECTION_COLUMNS}`,
        [before.id, status],
      );
      await this.archiveSearch.indexCollection(before.id, manager);
      await this.archiveSearch.refreshBoosts(await this.targetsOf(before.id, manager), manager);
      return toCollectionModel(row);
    });
  }

  async addEntry(actor: Curator, input: AddCollectionEntryInput): Promise<CollectionEntryModel> {
    assertCurator(actor);
    const target = oneTarget(input);
    assertFuture(input.reviewBy, 'input.reviewBy');
    if (!(await this.targets.exists(target.kind, target.targetId))) throw targetNotFound();
    return this.dataSource.transaction(async (manager) => {
      const collection = await this.lock(input.collectionSlug, manager);
      const [{ n }] = await manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM archive_collection_entry WHERE collection_id = $1`,
        [collection.id],
      );
      if (n >= MAX_ENTRIES) {
        throw new ArchiveError(
          ArchiveErrorCode.COLLECTION_FULL,
          `A collection holds at most ${MAX_ENTRIES} entries: split it, or remove one first.`,
        );
      }
      const rows = await manager
        .query<EntryRow[]>(
          `INSERT INTO archive_collection_entry AS e
             (collection_id, position, kind, target_id, note, review_by, added_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ENTRY_COLUMNS}`,
          [
            collection.id,
            n + 1,
            target.kind,
            target.targetId,
            input.note,
            input.reviewBy ?? null,
            actor.id,
          ],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'archive_collection_entry_target_key')) {
            throw new ArchiveError(
              ArchiveErrorCode.ALREADY_IN_COLLECTION,
              'This is already an entry of the collection.',
            );
          }
          throw error;
        });
      await this.afterEntriesChanged(collection, [target], manager);
      return toEntryModel(rows[0]);
    });
  }

  async moveEntry(actor: Curator, input: MoveCollectionEntryInput): Promise<CollectionModel> {
    assertCurator(actor);
    return this.dataSource.transaction(async (manager) => {
      const { entry, collection } = await this.lockEntry(input.entryId, manager);
      const [{ n }] = await manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM archive_collection_entry WHERE collection_id = $1`,
        [collection.id],
      );
      if (input.position > n) {
        throw ArchiveError.field(
          ArchiveErrorCode.INVALID_POSITION,
          'input.position',
          `must be from 1 to ${n}`,
          `The collection has ${n} entries: a position is from 1 to ${n}.`,
        );
      }
      // One statement: positions are unique at its end (a deferrable constraint), not per row.
      await manager.query(
        `UPDATE archive_collection_entry SET position = CASE
            WHEN id = $2 THEN $4::int
            WHEN $4::int < $3::int THEN position + 1
            ELSE position - 1 END, updated_at = now()
          WHERE collection_id = $1
            AND position BETWEEN least($3::int, $4::int) AND greatest($3::int, $4::int)`,
        [collection.id, entry.id, entry.position, input.position],
      );
      await this.archiveSearch.indexCollection(collection.id, manager);
      return toCollectionModel(await this.touch(collection.id, manager));
    });
  }

  async removeEntry(actor: Curator, entryId: string): Promise<CollectionModel> {
    assertCurator(actor);
    return this.dataSource.transaction(async (manager) => {
      const { entry, collection } = await this.lockEntry(entryId, manager);
      await manager.query(`DELETE FROM archive_collection_entry WHERE id = $1`, [entry.id]);
      await manager.query(
        `UPDATE archive_collection_entry SET position = position - 1
          WHERE collection_id = $1 AND position > $2`,
        [collection.id, entry.position],
      );
      await this.afterEntriesChanged(
        collection,
        [{ kind: entry.kind, targetId: entry.target_id }],
        manager,
      );
      return toCollectionModel(await this.touch(collection.id, manager));
    });
  }

  /** The collection row, locked for the transaction; NOT_FOUND for an unknown slug. */
  async lock(slug: string, manager: EntityManager): Promise<CollectionRow> {
    const [row] = await manager.query<CollectionRow[]>(
      `SELECT ${COLLECTION_COLUMNS} FROM archive_collection c WHERE c.slug = $1 FOR UPDATE`,
      [slug],
    );
    if (!row) throw ArchiveError.collectionNotFound(slug);
    return row;
  }

  /** The entry and its collection, the collection row locked first (as every writer does). */
  async lockEntry(entryId: string, manager: EntityManager) {
    const [collection] = await manager.query<CollectionRow[]>(
      `SELECT ${COLLECTION_COLUMNS} FROM archive_collection c
        WHERE c.id = (SELECT collection_id FROM archive_collection_entry WHERE id = $1) FOR UPDATE`,
      [entryId],
    );
    const [entry] = collection
      ? await manager.query<EntryRow[]>(
          `SELECT ${ENTRY_COLUMNS} FROM archive_collection_entry e WHERE e.id = $1`,
          [entryId],
        )
      : [];
    if (!collection || !entry) throw ArchiveError.entryNotFound();
    return { entry, collection };
  }

  /** Search follows: the collection's document and its targets' boosts. */
  async afterEntriesChanged(
    collection: CollectionRow,
    changed: Parameters<ArchiveSearch['refreshBoosts']>[0],
    manager: EntityManager,
  ): Promise<void> {
    await this.touch(collection.id, manager);
    if (collection.status !== CollectionStatus.PUBLISHED) return;
    await this.archiveSearch.indexCollection(collection.id, manager);
    await this.archiveSearch.refreshBoosts(changed, manager);
  }

  private async touch(collectionId: string, manager: EntityManager): Promise<CollectionRow> {
    const [rows] = await manager.query<[CollectionRow[], number]>(
      `UPDATE archive_collection c SET updated_at = now() WHERE id = $1 RETURNING ${COLLECTION_COLUMNS}`,
      [collectionId],
    );
    return rows[0];
  }

  private async targetsOf(collectionId: string, manager: EntityManager) {
    const rows = await manager.query<Array<Pick<EntryRow, 'kind' | 'target_id'>>>(
      `SELECT kind, target_id FROM archive_collection_entry WHERE collection_id = $1`,
      [collectionId],
    );
    return rows.map((row) => ({ kind: row.kind, targetId: row.target_id }));
  }

  /** Creates new tags and keeps usage counts (the shared vocabulary's autocomplete). */
  async useTags(before: string[], after: string[], manager: EntityManager): Promise<void> {
    const added = after.filter((tag) => !before.includes(tag));
    const removed = before.filter((tag) => !after.includes(tag));
    const ids = await this.tags.ensure([...added, ...removed], manager);
    await this.tags.adjustUsage(
      added.map((tag) => ids.get(tag) as string),
      1,
      manager,
    );
    await this.tags.adjustUsage(
      removed.map((tag) => ids.get(tag) as string),
      -1,
      manager,
    );
  }

  private async guardSlug<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'archive_collection_slug_key')) {
        throw ArchiveError.field(
          ArchiveErrorCode.SLUG_TAKEN,
          'input.slug',
          'is taken',
          'Another collection has this slug: choose another.',
        );
      }
      throw error;
    }
  }
}

export function targetNotFound(): ArchiveError {
  return new ArchiveError(
    ArchiveErrorCode.TARGET_NOT_FOUND,
    'No such thread, reply or published recap that members can see: check the id.',
  );
}
