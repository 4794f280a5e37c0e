import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/core';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { ArchiveTargets } from './archive-targets';
import { ENTRY_COLUMNS, EntryRow, toEntryModel } from './collection-rows';
import { CollectionEntryModel } from './collection.models';
import {
  CollectionsService,
  Curator,
  assertCurator,
  assertFuture,
  isUniqueViolation,
  oneTarget,
  targetNotFound,
} from './collections.service';
import { ConfirmEntryArgs, ReplaceCollectionEntryInput } from './dto/collection.inputs';

export const ENTRY_AUDIT_KIND = 'COLLECTION_ENTRY';
export const CONFIRM_ENTRY = 'CONFIRM_COLLECTION_ENTRY';
export const REPLACE_ENTRY = 'REPLACE_COLLECTION_ENTRY';

const state = (row: EntryRow) => ({
  collectionId: row.collection_id,
  kind: row.kind,
  targetId: row.target_id,
  note: row.note,
  reviewBy: row.review_by?.toISOString() ?? null,
  reviewedAt: row.reviewed_at?.toISOString() ?? null,
});

/** Freshness: confirming an entry is still current, or replacing it; both audited. */
@Injectable()
export class EntryReviews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly collections: CollectionsService,
    private readonly targets: ArchiveTargets,
  ) {}

  async confirm(actor: Curator, args: ConfirmEntryArgs): Promise<CollectionEntryModel> {
    assertCurator(actor);
    assertFuture(args.reviewBy);
    return this.dataSource.transaction(async (manager) => {
      const { entry } = await this.collections.lockEntry(args.entryId, manager);
      const [[after]] = await manager.query<[EntryRow[], number]>(
        `UPDATE archive_collection_entry e SET review_by = $2, reviewed_at = now(), updated_at = now()
          WHERE id = $1 RETURNING ${ENTRY_COLUMNS}`,
        [entry.id, args.reviewBy],
      );
      await this.audit.record(
        {
          actorId: actor.id,
          action: CONFIRM_ENTRY,
          targetKind: ENTRY_AUDIT_KIND,
          targetId: entry.id,
          reason: args.reason ?? 'Checked: still current.',
          before: state(entry),
          after: state(after),
        },
        manager,
      );
      return toEntryModel(after);
    });
  }

  async replace(actor: Curator, input: ReplaceCollectionEntryInput): Promise<CollectionEntryModel> {
    assertCurator(actor);
    const target = oneTarget(input);
    assertFuture(input.reviewBy, 'input.reviewBy');
    if (!(await this.targets.exists(target.kind, target.targetId))) throw targetNotFound();
    return this.dataSource.transaction(async (manager) => {
      const { entry, collection } = await this.collections.lockEntry(input.entryId, manager);
      if (entry.kind === target.kind && entry.target_id === target.targetId && !entry.archived) {
        throw new ArchiveError(
          ArchiveErrorCode.NO_CHANGE,
          'The entry already points there: use confirmEntry to mark it current.',
        );
      }
      const [[after]] = await manager
        .query<[EntryRow[], number]>(
          `UPDATE archive_collection_entry e SET kind = $2, target_id = $3, note = $4,
                  review_by = $5, reviewed_at = now(), archived = false, archived_content = NULL,
                  updated_at = now()
            WHERE id = $1 RETURNING ${ENTRY_COLUMNS}`,
          [
            entry.id,
            target.kind,
            target.targetId,
            input.note ?? entry.note,
            input.reviewBy ?? null,
          ],
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'archive_collection_entry_target_key')) {
            throw new ArchiveError(
              ArchiveErrorCode.ALREADY_IN_COLLECTION,
              'The new target is already another entry of this collection.',
            );
          }
          throw error;
        });
      await this.audit.record(
        {
          actorId: actor.id,
          action: REPLACE_ENTRY,
          targetKind: ENTRY_AUDIT_KIND,
          targetId: entry.id,
          reason: input.reason,
          before: state(entry),
          after: state(after),
        },
        manager,
      );
      await this.collections.afterEntriesChanged(
        collection,
        [{ kind: entry.kind, targetId: entry.target_id }, target],
        manager,
      );
      return toEntryModel(after);
    });
  }
}
