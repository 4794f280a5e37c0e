import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  AuthenticatedMember,
  FieldErrors,
  Role,
  flattenValidationErrors,
  hasRole,
  renderMarkdown,
} from '@app/core';
import { TagsService } from '@app/members';
import { CollectionStatus } from './archive.enums';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { ArchiveSearch } from './archive-search';
import { ArchiveTargets } from './archive-targets';
import { COLLECTION_COLUMNS, CollectionRow, toCollectionModel } from './collection-rows';
import { CollectionModel } from './collection.models';
import { CollectionsService, isUniqueViolation } from './collections.service';
import { MAX_TAGS } from './dto/collection.inputs';
import { ImportDocument } from './dto/import.document';

function invalid(fields: FieldErrors, message?: string): ArchiveError {
  const [first] = Object.entries(fields);
  return new ArchiveError(
    ArchiveErrorCode.INVALID_IMPORT,
    message ?? `The file is not an archive export: ${first[0]} ${first[1][0]}.`,
    { fields },
  );
}

/**
 * Loads an export into this Roundtable (admins), all or nothing. Entries whose targets exist
 * here point at them; the others keep their exported content as archived copies. Collections
 * arrive PUBLISHED with their original publishing time, so exporting them again gives the same
 * document.
 */
@Injectable()
export class ArchiveImport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly targets: ArchiveTargets,
    private readonly collections: CollectionsService,
    private readonly archiveSearch: ArchiveSearch,
  ) {}

  async importFile(actor: AuthenticatedMember, file: string): Promise<CollectionModel[]> {
    if (!hasRole(actor, Role.ADMIN)) {
      throw new ArchiveError(ArchiveErrorCode.ADMINS_ONLY, 'Only admins import collections.');
    }
    const document = await this.parse(file);
    const tagsOf = document.collections.map((c, i) =>
      this.tags.normalise(c.tags, `file.collections.${i}.tags`, MAX_TAGS),
    );
    // Which targets exist here, asked before the transaction (other domains' reads).
    const exists = await Promise.all(
      document.collections.map((c) =>
        Promise.all(c.entries.map((e) => this.targets.exists(e.kind, e.targetId))),
      ),
    );
    return this.dataSource.transaction(async (manager) => {
      const imported: CollectionModel[] = [];
      for (const [i, c] of document.collections.entries()) {
        await this.collections.useTags([], tagsOf[i], manager);
        const [row] = await manager
          .query<CollectionRow[]>(
            `INSERT INTO archive_collection AS c
               (slug, title, summary, summary_html, tags, status, published_at, created_by_id)
             VALUES ($1, $2, $3, $4, $5::text[], $6, coalesce($7::timestamptz, now()), $8)
             RETURNING ${COLLECTION_COLUMNS}`,
            [
              c.slug,
              c.title,
              c.summary,
              renderMarkdown(c.summary),
              tagsOf[i],
              CollectionStatus.PUBLISHED,
              c.publishedAt,
              actor.id,
            ],
          )
          .catch((error: unknown) => {
            if (!isUniqueViolation(error, 'archive_collection_slug_key')) throw error;
            throw ArchiveError.field(
              ArchiveErrorCode.SLUG_TAKEN,
              `file.collections.${i}.slug`,
              'is taken here',
              `A collection "${c.slug}" already exists here: nothing was imported.`,
            );
          });
        for (const [j, e] of c.entries.entries()) {
          const live = exists[i][j];
          await manager.query(
            `INSERT INTO archive_collection_entry
               (collection_id, position, kind, target_id, note, review_by, archived,
                archived_content, added_by_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
            [
              row.id,
              e.position,
              e.kind,
              e.targetId,
              e.note,
              e.reviewBy,
              !live,
              live || !e.content ? null : JSON.stringify(e.content),
              actor.id,
            ],
          );
        }
        await this.archiveSearch.indexCollection(row.id, manager);
        await this.archiveSearch.refreshBoosts(
          c.entries
            .filter((_e, j) => exists[i][j])
            .map((e) => ({ kind: e.kind, targetId: e.targetId })),
          manager,
        );
        imported.push(toCollectionModel(row));
      }
      return imported;
    });
  }

  /** JSON, the export's shape, and the rules the shape cannot say. */
  private async parse(file: string): Promise<ImportDocument> {
    let raw: unknown;
    try {
      raw = JSON.parse(file);
    } catch {
      throw invalid({ file: ['is not JSON'] }, 'The file is not JSON: send an export as it was.');
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw invalid({ file: ['must be an export object'] });
    }
    const document = plainToInstance(ImportDocument, raw);
    const errors = await validate(document, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    });
    if (errors.length) throw invalid(flattenValidationErrors(errors, 'file'));
    const slugs = new Set<string>();
    for (const [i, c] of document.collections.entries()) {
      if (slugs.has(c.slug)) {
        throw invalid({ [`file.collections.${i}.slug`]: ['appears twice in the file'] });
      }
      slugs.add(c.slug);
      const targets = new Set<string>();
      for (const [j, e] of c.entries.entries()) {
        const at = `file.collections.${i}.entries.${j}`;
        if (e.position !== j + 1) throw invalid({ [`${at}.position`]: [`must be ${j + 1}`] });
        if (targets.has(`${e.kind}:${e.targetId}`)) {
          throw invalid({ [`${at}.targetId`]: ['appears twice in the collection'] });
        }
        targets.add(`${e.kind}:${e.targetId}`);
      }
    }
    return document;
  }
}
