import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedMember, ServerEvents, renderMarkdown } from '@app/core';
import {
  MESSAGE_HIDDEN_BY_MODERATION,
  RoundtableRecords,
  RoundtableState,
  RoundtablesService,
} from '@app/roundtables';
import { SearchService } from '@app/search';
import { RecapStatus } from './archive.enums';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { BOOST, RECAP_DOC } from './archive-search';
import { CollectionQueries, isCurator } from './collection-queries.service';
import { CollectionsService, isUniqueViolation } from './collections.service';
import { PublishRecapInput, UpdateRecapInput } from './dto/recap.inputs';
import { buildRecap } from './recap-builder';
import { RecapEntity } from './recap.entity';
import { recapMarkdown } from './recap-markdown';
import { RecapModel } from './recap.models';

type Actor = Pick<AuthenticatedMember, 'id' | 'handle' | 'role'>;

export function toRecapModel(recap: RecapEntity): RecapModel {
  const date = (iso: string | null) => (iso ? new Date(iso) : null);
  const { content } = recap;
  const body = recapMarkdown(recap);
  return {
    id: recap.id,
    roundtableId: recap.roundtableId,
    title: recap.title,
    summary: recap.summary,
    summaryHtml: recap.summaryHtml,
    status: recap.status,
    chathamHouse: recap.chathamHouse,
    sections: content.sections.map((section) => ({
      title: section.title,
      startedAt: date(section.startedAt),
      endedAt: date(section.endedAt),
      moments: section.moments.map((m) => ({ ...m, sentAt: new Date(m.sentAt) })),
    })),
    takeaways: content.takeaways,
    answeredQuestions: content.answeredQuestions.map((q) => ({ ...q, recapId: recap.id })),
    unansweredQuestions: content.unansweredQuestions.map((q) => ({
      ...q,
      answer: null,
      recapId: recap.id,
    })),
    polls: content.polls,
    attendance: content.attendance,
    body,
    bodyHtml: renderMarkdown(body),
    publishedAt: recap.publishedAt,
    createdAt: recap.createdAt,
    updatedAt: recap.updatedAt,
    createdById: recap.createdById,
  };
}

/**
 * Roundtable recaps: drafted from an ended session's record by its facilitators or moderators,
 * edited, then published (searchable, and added to collections by curators).
 */
@Injectable()
export class RecapsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roundtables: RoundtablesService,
    private readonly records: RoundtableRecords,
    private readonly search: SearchService,
    private readonly queries: CollectionQueries,
    private readonly collections: CollectionsService,
    private readonly events: ServerEvents,
  ) {}

  onModuleInit(): void {
    this.events.on(MESSAGE_HIDDEN_BY_MODERATION, ({ roundtableId, seq, hidden }) =>
      hidden ? this.dropMoment(roundtableId, seq) : undefined,
    );
  }

  /**
   * A chat message moderation hid leaves the session's recap (its moments, and the published
   * recap's search document). Restoring the message does not bring it back: the recap is the
   * curators' text by then.
   */
  async dropMoment(roundtableId: string, seq: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<Array<{ id: string }>>(
        'SELECT id FROM archive_recap WHERE roundtable_id = $1 FOR UPDATE',
        [roundtableId],
      );
      if (!found) return;
      const recap = await this.require(found.id, manager);
      let dropped = false;
      for (const section of recap.content.sections) {
        const kept = section.moments.filter((moment) => moment.seq !== seq);
        dropped ||= kept.length !== section.moments.length;
        section.moments = kept;
      }
      if (!dropped) return;
      await manager.getRepository(RecapEntity).update(recap.id, { content: recap.content });
      if (recap.status === RecapStatus.PUBLISHED) await this.index(recap, manager);
    });
  }

  async draft(actor: Actor, roundtableId: string): Promise<RecapModel> {
    const roundtable = await this.assertEditor(actor, roundtableId);
    if (roundtable.state !== RoundtableState.ENDED) {
      throw new ArchiveError(
        ArchiveErrorCode.SESSION_NOT_ENDED,
        'A recap is drafted once the session has ended.',
      );
    }
    const record = await this.records.find(roundtableId);
    if (!record) {
      throw new ArchiveError(
        ArchiveErrorCode.NO_RECORD,
        'The session’s record is not written yet: try again in a moment.',
      );
    }
    const chathamHouse = roundtable.chathamHouse || record.chathamHouse;
    const recap = await this.dataSource
      .getRepository(RecapEntity)
      .save({
        roundtableId,
        title: roundtable.title,
        summary: '',
        summaryHtml: '',
        chathamHouse,
        content: buildRecap(record, chathamHouse),
        createdById: actor.id,
      })
      .catch((error: unknown) => {
        if (!isUniqueViolation(error, 'archive_recap_roundtable_key')) throw error;
        throw new ArchiveError(
          ArchiveErrorCode.RECAP_EXISTS,
          'This session already has a recap: edit it with updateRecap.',
        );
      });
    return toRecapModel(await this.require(recap.id));
  }

  async update(actor: Actor, input: UpdateRecapInput): Promise<RecapModel> {
    const recap = await this.require(input.recapId);
    await this.assertEditor(actor, recap.roundtableId);
    return this.dataSource.transaction(async (manager) => {
      const summary = input.summary ?? recap.summary;
      await manager.getRepository(RecapEntity).update(recap.id, {
        title: input.title ?? recap.title,
        summary,
        summaryHtml: renderMarkdown(summary),
      });
      const updated = await this.require(recap.id, manager);
      if (updated.status === RecapStatus.PUBLISHED) await this.index(updated, manager);
      return toRecapModel(updated);
    });
  }

  async publish(actor: Actor, input: PublishRecapInput): Promise<RecapModel> {
    const recap = await this.require(input.recapId);
    await this.assertEditor(actor, recap.roundtableId);
    if (input.collectionSlugs.length && !isCurator(actor)) throw ArchiveError.notACurator();
    for (const slug of input.collectionSlugs) {
      if (!(await this.queries.findBySlug(slug, actor)))
        throw ArchiveError.collectionNotFound(slug);
    }
    const published = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE archive_recap SET status = 'PUBLISHED', updated_at = now(),
                published_at = coalesce(published_at, now()) WHERE id = $1`,
        [recap.id],
      );
      const row = await this.require(recap.id, manager);
      await this.index(row, manager);
      return row;
    });
    // Once committed, the recap is a target like any other (its own transaction per collection).
    for (const collectionSlug of input.collectionSlugs) {
      await this.collections
        .addEntry(actor, { collectionSlug, recapId: recap.id, note: '' })
        .catch((error: unknown) => {
          if (!(
            error instanceof ArchiveError && error.code === ArchiveErrorCode.ALREADY_IN_COLLECTION
          )) {
            throw error;
          }
        });
    }
    return toRecapModel(published);
  }

  /** Published recaps for every member; drafts for moderators and the session's facilitators. */
  async find(reader: Actor, id: string): Promise<RecapModel | null> {
    const recap = await this.dataSource.getRepository(RecapEntity).findOneBy({ id });
    if (!recap) return null;
    if (
      recap.status !== RecapStatus.PUBLISHED &&
      !(await this.mayEdit(reader, recap.roundtableId))
    ) {
      return null;
    }
    return toRecapModel(recap);
  }

  async require(id: string, manager?: EntityManager): Promise<RecapEntity> {
    const recap = await (manager ?? this.dataSource.manager)
      .getRepository(RecapEntity)
      .findOneBy({ id });
    if (!recap) throw ArchiveError.recapNotFound();
    return recap;
  }

  /** Moderators and the session's facilitators edit its recap; answers the roundtable. */
  async assertEditor(actor: Actor, roundtableId: string) {
    const participation = await this.roundtables.participationOf(roundtableId, actor);
    if (!participation) {
      throw new ArchiveError(ArchiveErrorCode.ROUNDTABLE_NOT_FOUND, 'No such roundtable.');
    }
    if (!participation.isFacilitator && !participation.isModerator) {
      throw new ArchiveError(
        ArchiveErrorCode.NOT_A_FACILITATOR,
        'Only moderators and the session’s facilitators write its recap.',
      );
    }
    return participation.roundtable;
  }

  async mayEdit(actor: Actor, roundtableId: string): Promise<boolean> {
    const participation = await this.roundtables.participationOf(roundtableId, actor);
    return !!participation && (participation.isFacilitator || participation.isModerator);
  }

  /** The recap's search document (published recaps only). */
  private async index(recap: RecapEntity, manager: EntityManager): Promise<void> {
    const roundtable = await this.roundtables.findById(recap.roundtableId);
    await this.search.index(
      {
        kind: RECAP_DOC,
        targetId: recap.id,
        spaceSlug: null,
        tags: roundtable?.tags.slice(0, 5) ?? [],
        visibility: 'MEMBERS',
        hidden: false,
        title: recap.title,
        body: recapMarkdown(recap),
        link: `/recaps/${recap.id}`,
        boost: BOOST.recap,
        createdAt: recap.publishedAt ?? recap.createdAt,
      },
      manager,
    );
  }
}
