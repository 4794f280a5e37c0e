import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role, ServerEvents } from '@app/core';
import { ANSWER_ACCEPTED, DiscussionsService } from '@app/discussions';
import { SearchService } from '@app/search';
import { CollectionEntryKind } from './archive.enums';
import { ArchiveTargets, TargetRef } from './archive-targets';
import { CollectionRow } from './collection-rows';

export const COLLECTION_DOC = 'COLLECTION';
export const RECAP_DOC = 'RECAP';

/**
 * Ranking multipliers: curated entries and canonical answers outrank the same words elsewhere
 * (discussions gives accepted answers 1.5); the archive's own documents rank as curated.
 */
export const BOOST = { accepted: 1.5, curated: 2, canonical: 3, collection: 2, recap: 2 } as const;

/** Sees hidden replies (to read `accepted` of any reply whose boost changes). */
const STAFF_VIEW = { id: '00000000-0000-0000-0000-000000000000', role: Role.MODERATOR };

export interface BoostTarget {
  kind: CollectionEntryKind;
  targetId: string;
}

/**
 * The archive's search documents (published collections, and recaps) and the boosts it puts
 * on threads' and replies' documents, always in the caller's transaction.
 */
@Injectable()
export class ArchiveSearch implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: SearchService,
    private readonly discussions: DiscussionsService,
    private readonly targets: ArchiveTargets,
    private readonly events: ServerEvents,
  ) {}

  /**
   * Discussions sets an accepted answer's boost (1.5, or back to 1) when the asker accepts or
   * changes it; the archive then puts its own back on top, for a canonical or curated reply.
   */
  onModuleInit(): void {
    this.events.on(ANSWER_ACCEPTED, ({ replyIds }) =>
      this.dataSource.transaction((manager) =>
        this.refreshBoosts(
          replyIds.map((targetId) => ({ kind: CollectionEntryKind.REPLY, targetId })),
          manager,
        ),
      ),
    );
  }

  /** Indexes a published collection (its summary, entries' titles and notes); else removes it. */
  async indexCollection(collectionId: string, manager: EntityManager): Promise<void> {
    const [collection] = await manager.query<CollectionRow[]>(
      `SELECT * FROM archive_collection WHERE id = $1`,
      [collectionId],
    );
    if (!collection || collection.status !== 'PUBLISHED') {
      await this.search.remove(COLLECTION_DOC, collectionId, manager);
      return;
    }
    const entries = await manager.query<
      Array<
        Omit<TargetRef, 'targetId' | 'archivedContent'> & {
          target_id: string;
          archived_content: TargetRef['archivedContent'];
          note: string;
        }
      >
    >(
      `SELECT kind, target_id, archived, archived_content, note FROM archive_collection_entry
        WHERE collection_id = $1 ORDER BY position`,
      [collectionId],
    );
    const scope = {};
    const contents = await Promise.all(
      entries.map((e) =>
        this.targets.content(scope, {
          kind: e.kind,
          targetId: e.target_id,
          archived: e.archived,
          archivedContent: e.archived_content,
        }),
      ),
    );
    const parts = entries.map((e, i) => [contents[i]?.title, e.note].filter(Boolean).join('\n'));
    await this.search.index(
      {
        kind: COLLECTION_DOC,
        targetId: collection.id,
        spaceSlug: null,
        tags: collection.tags,
        visibility: 'MEMBERS',
        hidden: false,
        title: collection.title,
        body: [collection.summary, ...parts].filter(Boolean).join('\n\n'),
        link: `/collections/${collection.slug}`,
        boost: BOOST.collection,
        createdAt: collection.published_at ?? collection.created_at,
      },
      manager,
    );
  }

  /**
   * Sets each thread's or reply's boost from what the archive says of it now: canonical,
   * curated (an entry of a published collection), or neither (back to what discussions gives).
   */
  async refreshBoosts(targets: readonly BoostTarget[], manager: EntityManager): Promise<void> {
    const seen = new Set<string>();
    for (const { kind, targetId } of targets) {
      if (kind === CollectionEntryKind.RECAP || seen.has(`${kind}:${targetId}`)) continue;
      seen.add(`${kind}:${targetId}`);
      const [state] = await manager.query<Array<{ curated: boolean; canonical: boolean }>>(
        `SELECT EXISTS (SELECT 1 FROM archive_collection_entry e
                          JOIN archive_collection c ON c.id = e.collection_id
                         WHERE e.kind = $1 AND e.target_id = $2 AND NOT e.archived
                           AND c.status = 'PUBLISHED') AS curated,
                EXISTS (SELECT 1 FROM archive_canonical_answer WHERE reply_id = $2) AS canonical`,
        [kind, targetId],
      );
      let boost = 1;
      if (kind === CollectionEntryKind.REPLY) {
        const reply = await this.discussions.findReply(targetId, STAFF_VIEW);
        if (reply?.accepted) boost = BOOST.accepted;
      }
      if (state?.curated) boost = Math.max(boost, BOOST.curated);
      if (state?.canonical) boost = Math.max(boost, BOOST.canonical);
      await this.search.update(kind, targetId, { boost }, manager);
    }
  }
}
