import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Connection, decodeCursor, encodeCursor } from '@app/core';
import {
  SEARCH_VISIBILITIES,
  SearchAudience,
  SearchDocumentInput,
  SearchDocumentPatch,
} from './search-document.input';
import { SearchError, SearchErrorCode } from './search.errors';
import { SearchFilter } from './dto/search.args';
import { SearchResultModel } from './search-result.model';
import {
  MAX_BODY_LENGTH,
  SearchCriteria,
  SearchRow,
  SearchStatement,
  documentVector,
  searchStatement,
} from './search.sql';

export const MAX_QUERY_LENGTH = 200;
const KIND = /^[A-Z][A-Z0-9_]{0,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// float4 as PostgreSQL prints it (shortest exact form), e.g. 0.6, 1.2e-05.
const RANK = /^-?\d+(\.\d+)?(e[-+]\d+)?$/;

/** Lower-case, trimmed, inner spaces collapsed: how tags are stored and filtered on. */
export function normaliseSearchTag(tag: string): string {
  return tag.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The query as searched: trimmed, 1–200 characters, or a SearchError saying what is wrong. */
export function checkSearchQuery(raw: string): string {
  const query = raw.trim();
  if (!query) {
    throw new SearchError(SearchErrorCode.QUERY_EMPTY, 'Type something to search for.', {
      fields: { query: ['must not be empty'] },
    });
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw new SearchError(
      SearchErrorCode.QUERY_TOO_LONG,
      `A search is at most ${MAX_QUERY_LENGTH} characters; this one has ${query.length}.`,
      { fields: { query: [`must be at most ${MAX_QUERY_LENGTH} characters`] } },
    );
  }
  return query;
}

/**
 * The one search-document table. Domains write their documents through index/update/setHidden/
 * remove, passing their transaction's EntityManager so a document commits or rolls back with
 * its content; readers go through `search`, which leaves out what the audience may not see.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Upserts by (kind, targetId). A left-out `solved` or `boost` keeps the stored value. */
  async index(doc: SearchDocumentInput, manager?: EntityManager): Promise<void> {
    checkDocument(doc);
    const body = doc.body.slice(0, MAX_BODY_LENGTH);
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO search_document AS s
         (kind, target_id, space_slug, tags, visibility, hidden, title, body, link, solved, boost,
          created_at, document)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7::text, $8::text, $9, $10, coalesce($11::real, 1),
               $12, ${documentVector('$7::text', '$4::text[]', '$8::text')})
       ON CONFLICT (kind, target_id) DO UPDATE SET
         space_slug = EXCLUDED.space_slug, tags = EXCLUDED.tags, visibility = EXCLUDED.visibility,
         hidden = EXCLUDED.hidden, title = EXCLUDED.title, body = EXCLUDED.body,
         link = EXCLUDED.link, created_at = EXCLUDED.created_at, document = EXCLUDED.document,
         solved = CASE WHEN $13::boolean THEN EXCLUDED.solved ELSE s.solved END,
         boost = coalesce($11::real, s.boost), updated_at = now()`,
      [
        doc.kind,
        doc.targetId,
        doc.spaceSlug,
        normaliseTags(doc.tags),
        doc.visibility,
        doc.hidden,
        doc.title,
        body,
        doc.link,
        doc.solved ?? null,
        doc.boost ?? null,
        doc.createdAt,
        doc.solved !== undefined,
      ],
    );
  }

  /** Deletes the document; nothing happens if there is none. */
  async remove(kind: string, targetId: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      'DELETE FROM search_document WHERE kind = $1 AND target_id = $2',
      [kind, targetId],
    );
  }

  /** Moderation: hidden documents are left out for members and marked for moderators. */
  async setHidden(
    kind: string,
    targetId: string,
    hidden: boolean,
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `UPDATE search_document SET hidden = $3, updated_at = now()
        WHERE kind = $1 AND target_id = $2`,
      [kind, targetId, hidden],
    );
  }

  /** Changes some fields (a thread's new title on its replies, a boost...); no document, no-op. */
  async update(
    kind: string,
    targetId: string,
    patch: SearchDocumentPatch,
    manager?: EntityManager,
  ): Promise<void> {
    const values: unknown[] = [kind, targetId];
    const sets: string[] = [];
    const set = (column: string, value: unknown, cast: string) => {
      values.push(value);
      sets.push(`${column} = $${values.length}::${cast}`);
      return `$${values.length}::${cast}`;
    };
    let title = 'title';
    let tags = 'tags';
    if (patch.title !== undefined) title = set('title', patch.title, 'text');
    if (patch.tags !== undefined) tags = set('tags', normaliseTags(patch.tags), 'text[]');
    if (patch.spaceSlug !== undefined) set('space_slug', patch.spaceSlug, 'text');
    if (patch.visibility !== undefined) {
      checkVisibility(patch.visibility);
      set('visibility', patch.visibility, 'search_visibility');
    }
    if (patch.solved !== undefined) set('solved', patch.solved, 'boolean');
    if (patch.boost !== undefined) set('boost', checkBoost(patch.boost), 'real');
    if (sets.length === 0) return;
    // SET expressions read the old row, so the vector is rebuilt from the new values.
    if (title !== 'title' || tags !== 'tags') {
      sets.push(`document = ${documentVector(title, tags, 'body')}`);
    }
    await (manager ?? this.dataSource.manager).query(
      `UPDATE search_document SET ${sets.join(', ')}, updated_at = now()
        WHERE kind = $1 AND target_id = $2`,
      values,
    );
  }

  /** What `search` would run, for tests (EXPLAIN) and the benchmark's baseline. */
  statement(
    audience: SearchAudience,
    query: string,
    filter: SearchFilter | undefined,
    first: number,
    after?: string | null,
  ): SearchStatement {
    return searchStatement(criteriaOf(audience, query, filter, first, after));
  }

  /** One SQL statement, whatever `first` is. */
  async search(
    audience: SearchAudience,
    query: string,
    filter: SearchFilter | undefined,
    first: number,
    after?: string | null,
  ): Promise<Connection<SearchResultModel>> {
    const { text, values } = this.statement(audience, query, filter, first, after);
    const rows: SearchRow[] = await this.dataSource.query(text, values);
    return toSearchConnection(rows, first, !!after);
  }
}

function criteriaOf(
  audience: SearchAudience,
  query: string,
  filter: SearchFilter | undefined,
  first: number,
  after?: string | null,
): SearchCriteria {
  if (filter?.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw new SearchError(SearchErrorCode.INVALID_FILTER, '`from` must not be after `to`.', {
      fields: { 'filter.from': ['must not be after filter.to'] },
    });
  }
  return {
    query: checkSearchQuery(query),
    audience,
    kinds: filter?.kinds ?? undefined,
    spaceSlug: filter?.spaceSlug ?? undefined,
    tag: filter?.tag != null ? normaliseSearchTag(filter.tag) : undefined,
    from: filter?.from ?? undefined,
    to: filter?.to ?? undefined,
    solved: filter?.solved ?? undefined,
    first,
    after: after ? parseCursor(after) : null,
  };
}

function parseCursor(after: string): { rank: string; id: string } {
  const [rank, id] = decodeCursor(after, 2);
  if (typeof rank !== 'string' || !RANK.test(rank) || typeof id !== 'string' || !UUID.test(id)) {
    throw new SearchError(
      SearchErrorCode.INVALID_CURSOR,
      'The `after` cursor is not from a search: use an endCursor or edge cursor of this search.',
      { fields: { after: ['is not a search cursor'] } },
    );
  }
  return { rank, id };
}

/** Rows of `searchStatement` as a connection; the cursor keeps the rank as PostgreSQL wrote it. */
export function toSearchConnection(
  rows: SearchRow[],
  first: number,
  hasPreviousPage: boolean,
): Connection<SearchResultModel> {
  const found = rows.filter((row) => row.id !== null);
  const edges = found.slice(0, first).map((row) => ({
    cursor: encodeCursor([row.rank, row.id]),
    node: {
      kind: row.kind,
      targetId: row.target_id,
      title: row.title,
      snippet: row.snippet,
      link: row.link,
      score: Number(row.rank),
      createdAt: row.created_at,
      hidden: row.hidden,
      spaceSlug: row.space_slug,
      tags: row.tags,
      solved: row.solved,
    },
  }));
  return {
    edges,
    totalCount: rows[0]?.total_count ?? 0,
    pageInfo: {
      hasNextPage: found.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normaliseSearchTag).filter((tag) => tag.length > 0))];
}

/** Contract checks on what another domain sends: a failure here is a programming error. */
function checkDocument(doc: SearchDocumentInput): void {
  if (!KIND.test(doc.kind)) throw new Error(`search: kind "${doc.kind}" is not UPPER_CASE`);
  if (!UUID.test(doc.targetId)) throw new Error(`search: targetId "${doc.targetId}" is no uuid`);
  checkVisibility(doc.visibility);
  if (doc.boost !== undefined) checkBoost(doc.boost);
  if (!(doc.createdAt instanceof Date) || Number.isNaN(doc.createdAt.getTime())) {
    throw new Error('search: createdAt must be a valid Date');
  }
}

function checkVisibility(visibility: string): void {
  if (!(SEARCH_VISIBILITIES as readonly string[]).includes(visibility)) {
    throw new Error(`search: visibility "${visibility}" is not PUBLIC or MEMBERS`);
  }
}

function checkBoost(boost: number): number {
  if (!Number.isFinite(boost) || boost < 0) {
    throw new Error(`search: boost ${boost} must be a finite number ≥ 0`);
  }
  return boost;
}
