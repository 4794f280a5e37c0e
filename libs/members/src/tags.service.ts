import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MembersError, MembersErrorCode } from './members.errors';
import { normaliseTags } from './tag-name';

export interface TagUsage {
  name: string;
  usageCount: number;
}

/**
 * The shared tag vocabulary. Other domains attach tags through this service: it normalises,
 * creates tags on first use and keeps usage counts, all inside the caller's transaction.
 */
@Injectable()
export class TagsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Normalises `raw` or refuses it with a field error on `field`. */
  normalise(raw: readonly string[], field: string, max: number): string[] {
    const { tags, invalid } = normaliseTags(raw);
    if (invalid.length) {
      throw new MembersError(
        MembersErrorCode.INVALID_TAG,
        `Tags are 1–50 letters, digits, spaces or & + . / # -: "${invalid[0]}" is not.`,
        {
          fields: { [field]: [`"${invalid[0]}" is not a valid tag`] },
        },
      );
    }
    if (tags.length > max) {
      throw new MembersError(MembersErrorCode.TOO_MANY_TAGS, `At most ${max} tags here.`, {
        fields: { [field]: [`must have at most ${max} tags`] },
      });
    }
    return tags;
  }

  /** Ids of the named tags (already normalised), creating the missing ones. */
  async ensure(names: readonly string[], manager: EntityManager): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await manager.query(
      `WITH wanted AS (SELECT unnest($1::text[]) AS name),
            created AS (
              INSERT INTO tag (name) SELECT name FROM wanted
              ON CONFLICT (name) DO NOTHING RETURNING id, name)
       SELECT id, name FROM created
       UNION ALL
       SELECT t.id, t.name FROM tag t JOIN wanted w ON w.name = t.name`,
      [names],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  /** Adds `delta` to the usage count of each tag id (repeat an id to count it twice). */
  async adjustUsage(
    tagIds: readonly string[],
    delta: 1 | -1,
    manager: EntityManager,
  ): Promise<void> {
    if (tagIds.length === 0) return;
    await manager.query(
      `UPDATE tag SET usage_count = greatest(usage_count + $2 * c.n, 0)
         FROM (SELECT id, count(*) AS n FROM unnest($1::uuid[]) AS id GROUP BY id) c
        WHERE tag.id = c.id`,
      [tagIds, delta],
    );
  }

  /** Autocomplete: tags starting with `prefix`, most used first. */
  async suggest(prefix: string, first: number): Promise<TagUsage[]> {
    const normalised = prefix.trim().toLowerCase().replace(/\s+/g, ' ');
    const rows: Array<{ name: string; usage_count: number }> = await this.dataSource.query(
      `SELECT name, usage_count FROM tag
        WHERE name LIKE $1 ESCAPE '\\'
        ORDER BY usage_count DESC, name LIMIT $2`,
      [`${normalised.replace(/[\\%_]/g, '\\$&')}%`, first],
    );
    return rows.map((row) => ({ name: row.name, usageCount: row.usage_count }));
  }
}
