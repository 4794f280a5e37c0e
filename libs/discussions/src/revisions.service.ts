import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { Connection, decodeCursor, encodeCursor, requestLoader, toConnection } from '@app/core';
import { RevisionModel } from './revision.model';
import { badCursorOr } from './thread-queries.service';

/** A thread (replyId null) or a reply, as it stands before an edit. */
export interface RevisedPost {
  threadId: string;
  replyId: string | null;
  authorId: string;
  createdAt: Date;
  title: string | null;
  body: string;
}

export interface RevisionPageKey {
  post: RevisedPost;
  first: number;
  after: string | null;
}

interface RevisionRow {
  ord: string;
  total: number;
  id: string | null;
  editor_id: string;
  title: string | null;
  body: string;
  created_at: Date;
  at_key: string;
}

/** The original version, for posts never edited (they have no rows). */
const ORIGINAL = 'original';

@Injectable()
export class RevisionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Keeps the original on the first edit, then the new version; inside the edit's transaction. */
  async record(
    post: RevisedPost,
    editorId: string,
    next: { title: string | null; body: string },
    manager: EntityManager,
  ): Promise<void> {
    const target = post.replyId
      ? 'reply_id = $2::uuid'
      : 'thread_id = $1::uuid AND reply_id IS NULL AND $2::uuid IS NULL';
    await manager.query(
      `INSERT INTO discussion_revision (thread_id, reply_id, editor_id, title, body, created_at)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4, $5, $6
        WHERE NOT EXISTS (SELECT 1 FROM discussion_revision WHERE ${target})`,
      [post.threadId, post.replyId, post.authorId, post.title, post.body, post.createdAt],
    );
    await manager.query(
      `INSERT INTO discussion_revision (thread_id, reply_id, editor_id, title, body)
       VALUES ($1, $2, $3, $4, $5)`,
      [post.threadId, post.replyId, editorId, next.title, next.body],
    );
  }

  /** Oldest first; one statement for every post asked about in the request. */
  loader(request: object): DataLoader<RevisionPageKey, Connection<RevisionModel>> {
    return requestLoader<RevisionPageKey, Connection<RevisionModel>>(
      request,
      'discussions.revisions',
      (keys) => this.pages(keys),
    );
  }

  private async pages(keys: readonly RevisionPageKey[]): Promise<Connection<RevisionModel>[]> {
    const afters = keys.map((key) =>
      key.after && key.after !== encodeCursor([ORIGINAL]) ? decodeCursor(key.after, 2) : null,
    );
    const rows = await this.dataSource
      .query<RevisionRow[]>(
        `SELECT k.ord, cnt.total, x.*
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[])
                WITH ORDINALITY AS k(thread_id, reply_id, after_at, after_id, lim, ord)
          CROSS JOIN LATERAL (
                SELECT count(*)::int AS total FROM discussion_revision v
                 WHERE (k.reply_id IS NULL AND v.thread_id = k.thread_id AND v.reply_id IS NULL)
                    OR v.reply_id = k.reply_id) cnt
           LEFT JOIN LATERAL (
                SELECT v.id, v.editor_id, v.title, v.body, v.created_at, v.created_at::text AS at_key
                  FROM discussion_revision v
                 WHERE ((k.reply_id IS NULL AND v.thread_id = k.thread_id AND v.reply_id IS NULL)
                        OR v.reply_id = k.reply_id)
                   AND (k.after_at IS NULL
                        OR (v.created_at, v.id) > (k.after_at::timestamptz, k.after_id::uuid))
                 ORDER BY v.created_at, v.id LIMIT k.lim) x ON true
          ORDER BY k.ord, x.created_at, x.id`,
        [
          keys.map((key) => key.post.threadId),
          keys.map((key) => key.post.replyId),
          afters.map((after) => (after ? String(after[0]) : null)),
          afters.map((after) => (after ? String(after[1]) : null)),
          keys.map((key) => key.first + 1),
        ],
      )
      .catch((error: unknown) => {
        throw badCursorOr(error);
      });
    return keys.map((key, index) => {
      const mine = rows.filter((row) => Number(row.ord) === index + 1);
      const total = mine[0]?.total ?? 0;
      if (total === 0) return this.original(key);
      const page = mine.filter((row) => row.id !== null);
      return toConnection(
        page,
        key.first,
        total,
        (row) => encodeCursor([row.at_key, row.id]),
        (row): RevisionModel => ({
          id: row.id as string,
          editorId: row.editor_id,
          at: row.created_at,
          title: row.title,
          body: row.body,
        }),
        !!key.after,
      );
    });
  }

  /** A never-edited post: its one version is itself. */
  private original({ post, first, after }: RevisionPageKey): Connection<RevisionModel> {
    const node: RevisionModel = {
      id: post.replyId ?? post.threadId,
      editorId: post.authorId,
      at: post.createdAt,
      title: post.title,
      body: post.body,
    };
    return toConnection(
      after ? [] : [node],
      first,
      1,
      () => encodeCursor([ORIGINAL]),
      (row) => row,
      !!after,
    );
  }
}
