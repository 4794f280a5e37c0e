import { SearchAudience } from './search-document.input';

/** One text search configuration for indexing, querying and snippets alike. */
const CONFIG = `'english'`;

/** The indexed (and stored) body is cut here: tsvector positions stop at 16,383 anyway. */
export const MAX_BODY_LENGTH = 100_000;

/**
 * The weighted document: title A, tags B, body C. Arguments are SQL expressions, so inserts pass
 * parameters and partial updates mix new parameters with the stored columns.
 */
export function documentVector(title: string, tags: string, body: string): string {
  return (
    `setweight(to_tsvector(${CONFIG}, ${title}), 'A') || ` +
    `setweight(to_tsvector(${CONFIG}, array_to_string(${tags}, ' ')), 'B') || ` +
    `setweight(to_tsvector(${CONFIG}, ${body}), 'C')`
  );
}

/**
 * Snippets are safe to put in HTML as they are: the body is HTML-escaped BEFORE ts_headline
 * marks the matches, so the only tags in a snippet are the `<mark>`/`</mark>` it adds. (ts_headline
 * copies whole tokens of its input, and the escaped input holds no `<`, `>`, `"` or `'`.)
 */
const ESCAPED_BODY =
  `replace(replace(replace(replace(replace(d.body, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), ` +
  `'"', '&quot;'), '''', '&#39;')`;
const HEADLINE_OPTIONS = `'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

export interface SearchCriteria {
  /** Trimmed, 1–200 characters (checked by the service). */
  query: string;
  audience: SearchAudience;
  kinds?: string[];
  spaceSlug?: string;
  /** Normalised like stored tags. */
  tag?: string;
  from?: Date;
  to?: Date;
  solved?: boolean;
  first: number;
  /** Keyset position: the rank exactly as PostgreSQL printed it, and the document id. */
  after?: { rank: string; id: string } | null;
}

export interface SearchStatement {
  text: string;
  values: unknown[];
}

/** One row per result; a single row of nulls but `total_count` when the page is empty. */
export interface SearchRow {
  total_count: number;
  rank: string | null;
  id: string | null;
  kind: string;
  target_id: string;
  title: string;
  snippet: string;
  link: string;
  created_at: Date;
  hidden: boolean;
  space_slug: string | null;
  tags: string[];
  solved: boolean | null;
}

/**
 * The whole search in one statement: the matches (GIN index on `document`) ranked with
 * ts_rank_cd × boost, their count, the page after the keyset (rank DESC, id), and snippets for
 * that page only. Exported so tests can EXPLAIN it and the benchmark's baseline can run it bare.
 */
export function searchStatement(criteria: SearchCriteria): SearchStatement {
  const values: unknown[] = [criteria.query];
  const param = (value: unknown, cast: string) => {
    values.push(value);
    return `$${values.length}::${cast}`;
  };
  const tsquery = `websearch_to_tsquery(${CONFIG}, $1::text)`;
  const where = [`d.document @@ ${tsquery}`];
  if (criteria.audience === 'ANONYMOUS') where.push(`d.visibility = 'PUBLIC'`, 'NOT d.hidden');
  if (criteria.audience === 'MEMBER') where.push('NOT d.hidden');
  if (criteria.kinds?.length) where.push(`d.kind = ANY(${param(criteria.kinds, 'text[]')})`);
  if (criteria.spaceSlug !== undefined) {
    where.push(`d.space_slug = ${param(criteria.spaceSlug, 'text')}`);
  }
  if (criteria.tag !== undefined) where.push(`d.tags @> ARRAY[${param(criteria.tag, 'text')}]`);
  if (criteria.from) where.push(`d.created_at >= ${param(criteria.from, 'timestamptz')}`);
  if (criteria.to) where.push(`d.created_at <= ${param(criteria.to, 'timestamptz')}`);
  if (criteria.solved !== undefined) where.push(`d.solved = ${param(criteria.solved, 'boolean')}`);

  let keyset = '';
  if (criteria.after) {
    const rank = param(criteria.after.rank, 'real');
    const id = param(criteria.after.id, 'uuid');
    keyset = `WHERE m.rank < ${rank} OR (m.rank = ${rank} AND m.id > ${id})`;
  }
  const limit = param(criteria.first + 1, 'int');

  const text = `WITH matches AS (
    SELECT d.id, (ts_rank_cd(d.document, ${tsquery}) * d.boost)::real AS rank
      FROM search_document d
     WHERE ${where.join('\n       AND ')}
  ), page AS (
    SELECT m.id, m.rank FROM matches m ${keyset}
     ORDER BY m.rank DESC, m.id LIMIT ${limit}
  )
  SELECT c.total_count, p.rank::text AS rank, d.id, d.kind, d.target_id, d.title, d.link,
         d.created_at, d.hidden, d.space_slug, d.tags, d.solved,
         ts_headline(${CONFIG}, ${ESCAPED_BODY}, ${tsquery}, ${HEADLINE_OPTIONS}) AS snippet
    FROM (SELECT count(*)::int AS total_count FROM matches) c
    LEFT JOIN (page p JOIN search_document d ON d.id = p.id) ON true
   ORDER BY p.rank DESC, p.id`;
  return { text, values };
}
