import { Injectable } from '@nestjs/common';
import { AuthenticatedMember } from '@app/core';
import { ArchiveError } from './archive.errors';
import { ArchiveTargets } from './archive-targets';
import { CollectionQueries, isCurator } from './collection-queries.service';
import { CollectionModel } from './collection.models';
import {
  ArchiveDocument,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  ExportedCollection,
} from './export-document';

/**
 * Exports published collections as members see them: self-contained (entries carry their
 * content), with authors except where the content has none (recaps, Chatham House).
 */
@Injectable()
export class ArchiveExport {
  constructor(
    private readonly queries: CollectionQueries,
    private readonly targets: ArchiveTargets,
  ) {}

  /** One published collection; drafts do not exist here, for anyone. */
  async collection(slug: string): Promise<ArchiveDocument> {
    const collection = await this.queries.findBySlug(slug, null);
    if (!collection) throw ArchiveError.collectionNotFound(slug);
    return this.document([collection]);
  }

  /** Every published collection (moderators and admins). */
  async everything(reader: AuthenticatedMember): Promise<ArchiveDocument> {
    if (!isCurator(reader)) throw ArchiveError.notACurator();
    return this.document(await this.queries.published());
  }

  private async document(collections: CollectionModel[]): Promise<ArchiveDocument> {
    const scope = {};
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      collections: await Promise.all(collections.map((c) => this.exported(scope, c))),
    };
  }

  private async exported(scope: object, c: CollectionModel): Promise<ExportedCollection> {
    const entries = await this.queries.entriesLoader(scope).load(c.id);
    const contents = await Promise.all(entries.map((entry) => this.targets.content(scope, entry)));
    return {
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      tags: c.tags,
      publishedAt: c.publishedAt?.toISOString() ?? null,
      link: this.targets.url(`/collections/${c.slug}`),
      entries: entries.map((entry, i) => {
        const content = contents[i];
        return {
          position: entry.position,
          kind: entry.kind,
          targetId: entry.targetId,
          note: entry.note,
          reviewBy: entry.reviewBy?.toISOString() ?? null,
          content: content && {
            title: content.title,
            body: content.body,
            author: content.author && {
              handle: content.author.handle,
              displayName: content.author.displayName,
            },
            link: content.link,
            createdAt: content.createdAt.toISOString(),
          },
        };
      }),
    };
  }
}
