import { renderMarkdown } from '@app/core';
import { CollectionEntryKind, CollectionStatus } from './archive.enums';
import { ArchivedContent } from './collection-entry.entity';
import { CollectionEntryModel, CollectionModel } from './collection.models';

/** Columns of a collection row (`c`), the same in every query. */
export const COLLECTION_COLUMNS = `c.id, c.slug, c.title, c.summary, c.summary_html, c.tags, c.status,
  c.created_by_id, c.published_at, c.created_at, c.updated_at`;

export interface CollectionRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  summary_html: string;
  tags: string[];
  status: CollectionStatus;
  created_by_id: string;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toCollectionModel(row: CollectionRow): CollectionModel {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    summaryHtml: row.summary_html,
    tags: row.tags,
    status: row.status,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdById: row.created_by_id,
  };
}

/** Columns of an entry row (`e`). */
export const ENTRY_COLUMNS = `e.id, e.collection_id, e.position, e.kind, e.target_id, e.note,
  e.review_by, e.reviewed_at, e.archived, e.archived_content, e.added_by_id, e.created_at`;

export interface EntryRow {
  id: string;
  collection_id: string;
  position: number;
  kind: CollectionEntryKind;
  target_id: string;
  note: string;
  review_by: Date | null;
  reviewed_at: Date | null;
  archived: boolean;
  archived_content: ArchivedContent | null;
  added_by_id: string;
  created_at: Date;
}

export function toEntryModel(row: EntryRow, now = Date.now()): CollectionEntryModel {
  return {
    id: row.id,
    collectionId: row.collection_id,
    position: row.position,
    kind: row.kind,
    targetId: row.target_id,
    threadId: row.kind === CollectionEntryKind.THREAD ? row.target_id : null,
    replyId: row.kind === CollectionEntryKind.REPLY ? row.target_id : null,
    recapId: row.kind === CollectionEntryKind.RECAP ? row.target_id : null,
    note: row.note,
    noteHtml: row.note ? renderMarkdown(row.note) : '',
    reviewBy: row.review_by,
    reviewedAt: row.reviewed_at,
    stale: row.review_by !== null && row.review_by.getTime() < now,
    archived: row.archived,
    archivedContent: row.archived_content,
    addedById: row.added_by_id,
    addedAt: row.created_at,
  };
}

/** The one target an input names: exactly one of threadId, replyId, recapId. */
export function targetOf(input: {
  threadId?: string | null;
  replyId?: string | null;
  recapId?: string | null;
}): { kind: CollectionEntryKind; targetId: string } | null {
  const given = [
    input.threadId && { kind: CollectionEntryKind.THREAD, targetId: input.threadId },
    input.replyId && { kind: CollectionEntryKind.REPLY, targetId: input.replyId },
    input.recapId && { kind: CollectionEntryKind.RECAP, targetId: input.recapId },
  ].filter((target) => !!target);
  return given.length === 1 ? given[0] : null;
}

/** A time as microsecond UTC text, for cursors that keep PostgreSQL's exact value. */
export const timeKey = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
