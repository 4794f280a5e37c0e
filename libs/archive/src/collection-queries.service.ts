import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import {
  AuthenticatedMember,
  Connection,
  Role,
  byKeys,
  decodeCursor,
  encodeCursor,
  hasRole,
  requestLoader,
  toConnection,
} from '@app/core';
import { TagsService } from '@app/members';
import { CollectionStatus } from './archive.enums';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import {
  COLLECTION_COLUMNS,
  CollectionRow,
  ENTRY_COLUMNS,
  EntryRow,
  timeKey,
  toCollectionModel,
  toEntryModel,
} from './collection-rows';
import { CollectionEntryModel, CollectionModel } from './collection.models';
import { CollectionFilter } from './dto/collection.inputs';

type Reader = Pick<AuthenticatedMember, 'id' | 'role'>;

export const isCurator = (reader: Pick<AuthenticatedMember, 'role'> | null) =>
  !!reader && hasRole(reader, Role.MODERATOR);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badCursor(): ArchiveError {
  return ArchiveError.field(
    ArchiveErrorCode.INVALID_CURSOR,
    'after',
    'is not a cursor from this list',
    'The `after` cursor is not valid here: use an endCursor or edge cursor from this same list.',
  );
}

/** A (time text, uuid) keyset cursor, checked before it reaches SQL. */
function keyset(after: string): [string, string] {
  const [at, id] = decodeCursor(after, 2);
  if (typeof at !== 'string' || typeof id !== 'string' || !UUID.test(id) || isNaN(Date.parse(at))) {
    throw badCursor();
  }
  return [at, id];
}

/** Reading collections and entries: connections, single collections and per-request loaders. */
@Injectable()
export class CollectionQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tags: TagsService,
  ) {}

  /** DRAFT collections exist only for curators: for anyone else, null. */
  async findBySlug(slug: string, reader: Reader | null): Promise<CollectionModel | null> {
    const [row] = await this.dataSource.query<CollectionRow[]>(
      `SELECT ${COLLECTION_COLUMNS} FROM archive_collection c
        WHERE c.slug = $1 AND (c.status = 'PUBLISHED' OR $2)`,
      [slug, isCurator(reader)],
    );
    return row ? toCollectionModel(row) : null;
  }

  /** Newest first; two statements (page and count) whatever `first` is. */
  async page(
    reader: Reader,
    filter: CollectionFilter | undefined,
    first: number,
    after?: string | null,
  ): Promise<Connection<CollectionModel>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (!isCurator(reader)) {
      if (filter?.status === CollectionStatus.DRAFT) {
        throw new ArchiveError(
          ArchiveErrorCode.NOT_A_CURATOR,
          'Draft collections are for moderators and admins only.',
        );
      }
      where.push(`c.status = 'PUBLISHED'`);
    } else if (filter?.status) {
      where.push(`c.status = ${param(filter.status)}`);
    }
    if (filter?.tag != null) {
      const [tag] = this.tags.normalise([filter.tag], 'filter.tag', 1);
      where.push(`c.tags @> ARRAY[${param(tag)}]::text[]`);
    }
    const clause = () => (where.length ? `WHERE ${where.join(' AND ')}` : '');
    const countSql = `SELECT count(*)::int AS n FROM archive_collection c ${clause()}`;
    const countParams = [...params];
    if (after) {
      const [at, id] = keyset(after);
      where.push(`(c.created_at, c.id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const [rows, count] = await Promise.all([
      this.dataSource.query<Array<CollectionRow & { k: string }>>(
        `SELECT ${COLLECTION_COLUMNS}, ${timeKey('c.created_at')} AS k
           FROM archive_collection c ${clause()}
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${param(first + 1)}`,
        params,
      ),
      this.dataSource.query<Array<{ n: number }>>(countSql, countParams),
    ]);
    return toConnection(
      rows,
      first,
      count[0]?.n ?? 0,
      (row) => encodeCursor([row.k, row.id]),
      toCollectionModel,
      !!after,
    );
  }

  /** Every published collection, oldest first (the export). */
  async published(): Promise<CollectionModel[]> {
    const rows = await this.dataSource.query<CollectionRow[]>(
      `SELECT ${COLLECTION_COLUMNS} FROM archive_collection c
        WHERE c.status = 'PUBLISHED' ORDER BY c.published_at, c.id`,
    );
    return rows.map(toCollectionModel);
  }

  /** Entries of collections, in order: one statement per batch. */
  entriesLoader(request: object): DataLoader<string, CollectionEntryModel[]> {
    return requestLoader<string, CollectionEntryModel[]>(
      request,
      'archive.entries',
      async (ids) => {
        const rows = await this.dataSource.query<EntryRow[]>(
          `SELECT ${ENTRY_COLUMNS} FROM archive_collection_entry e
          WHERE e.collection_id = ANY($1::uuid[]) ORDER BY e.collection_id, e.position`,
          [ids],
        );
        const now = Date.now();
        const byCollection = new Map<string, CollectionEntryModel[]>(ids.map((id) => [id, []]));
        for (const row of rows) byCollection.get(row.collection_id)?.push(toEntryModel(row, now));
        return ids.map((id) => byCollection.get(id) ?? []);
      },
    );
  }

  /** Collections by id, whatever their status (entries' parents, for curators' lists). */
  collectionLoader(request: object): DataLoader<string, CollectionModel | null> {
    return requestLoader<string, CollectionModel | null>(
      request,
      'archive.collection',
      async (ids) => {
        const rows = await this.dataSource.query<CollectionRow[]>(
          `SELECT ${COLLECTION_COLUMNS} FROM archive_collection c WHERE c.id = ANY($1::uuid[])`,
          [ids],
        );
        return byKeys(ids, rows.map(toCollectionModel), (c) => c.id, null);
      },
    );
  }

  /** Curators: entries past their review date, the longest overdue first. */
  async stale(reader: Reader, first: number, after?: string | null) {
    if (!isCurator(reader)) throw ArchiveError.notACurator();
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['e.review_by < now()'];
    const countSql = `SELECT count(*)::int AS n FROM archive_collection_entry e WHERE ${where.join(' AND ')}`;
    if (after) {
      const [at, id] = keyset(after);
      where.push(`(e.review_by, e.id) > (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const [rows, count] = await Promise.all([
      this.dataSource.query<Array<EntryRow & { k: string }>>(
        `SELECT ${ENTRY_COLUMNS}, ${timeKey('e.review_by')} AS k FROM archive_collection_entry e
          WHERE ${where.join(' AND ')} ORDER BY e.review_by, e.id LIMIT ${param(first + 1)}`,
        params,
      ),
      this.dataSource.query<Array<{ n: number }>>(countSql),
    ]);
    const now = Date.now();
    return toConnection(
      rows,
      first,
      count[0]?.n ?? 0,
      (row) => encodeCursor([row.k, row.id]),
      (row) => toEntryModel(row, now),
      !!after,
    );
  }
}
