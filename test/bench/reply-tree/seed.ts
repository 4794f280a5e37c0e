import { randomUUID } from 'node:crypto';
import { childPath } from '../../../libs/discussions/src/reply-path';

/** Runs one SQL statement (a pg client's or a test app's). */
export type Sql = (text: string, params?: unknown[]) => Promise<unknown>;

export interface TreeSeed {
  replies: number;
  /** Account ids; replies and reactions are spread over them. */
  authors: readonly string[];
  /** Deepest `depth` (0 = top level). */
  maxDepth: number;
  reactionsPerReply: number;
  /** Characters of each body. */
  bodyLength?: number;
}

const KINDS = ['HELPFUL', 'INSIGHTFUL', 'SAME_HERE'] as const;
const CHUNK = 1000;

/** A small deterministic generator, so every run seeds the same tree. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` accounts written directly (no password: they never sign in). */
export async function seedMembers(sql: Sql, count: number, prefix: string): Promise<string[]> {
  const rows = (await sql(
    `INSERT INTO account (email, handle, display_name)
     SELECT $1 || '-' || i || '@example.org', $1 || '-' || i, 'Seeded Member ' || i
       FROM generate_series(1, $2::int) AS i
     RETURNING id`,
    [prefix, count],
  )) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/**
 * A reply tree written directly with SQL, as the discussions library would have stored it:
 * paths in posting order, counters on the thread and parents, ~`reactionsPerReply` reactions by
 * other members on each reply. Database triggers record the usual thread events.
 */
export async function seedReplyTree(sql: Sql, threadId: string, seed: TreeSeed): Promise<void> {
  const next = random(seed.replies * 7919 + seed.authors.length);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const filler = 'Measure what members do, not what they say they do. '.repeat(20);
  const bodyLength = seed.bodyLength ?? 240;
  const positions = new Map<string | null, number>();
  const replies: Array<{
    id: string;
    parent: string | null;
    path: string;
    depth: number;
    author: string;
  }> = [];
  for (let i = 0; i < seed.replies; i++) {
    // A third at the top level, the rest under an earlier reply not yet at the deepest level.
    const candidates = replies.length && next() > 0.33 ? replies : [];
    let parent = candidates.length ? pick(candidates) : null;
    if (parent && parent.depth >= seed.maxDepth) parent = null;
    const position = (positions.get(parent?.id ?? null) ?? 0) + 1;
    positions.set(parent?.id ?? null, position);
    replies.push({
      id: randomUUID(),
      parent: parent?.id ?? null,
      path: childPath(parent?.path ?? null, position),
      depth: parent ? parent.depth + 1 : 0,
      author: pick(seed.authors),
    });
  }
  for (let start = 0; start < replies.length; start += CHUNK) {
    const chunk = replies.slice(start, start + CHUNK);
    const bodies = chunk.map((r, i) => `Reply ${start + i}: ${filler}`.slice(0, bodyLength));
    await sql(
      `INSERT INTO discussion_reply (id, thread_id, parent_reply_id, author_id, path, depth,
                                     next_position, body, body_html)
       SELECT x.id, $1, x.parent, x.author, x.path, x.depth, x.next_position, x.body,
              '<p>' || x.body || '</p>'
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::int[],
                     $8::text[]) AS x(id, parent, author, path, depth, next_position, body)
        ORDER BY x.path`,
      [
        threadId,
        chunk.map((r) => r.id),
        chunk.map((r) => r.parent),
        chunk.map((r) => r.author),
        chunk.map((r) => r.path),
        chunk.map((r) => r.depth),
        chunk.map((r) => positions.get(r.id) ?? 0),
        bodies,
      ],
    );
  }
  const top = replies.filter((r) => r.parent === null).length;
  await sql(
    `UPDATE discussion_thread SET next_position = $2, reply_count = reply_count + $3,
            score = score + $3, last_activity_at = now() WHERE id = $1`,
    [threadId, top, replies.length],
  );
  const reactions: Array<[string, string, string]> = [];
  for (const reply of replies) {
    const seen = new Set<string>();
    for (let k = 0; k < seed.reactionsPerReply * 3 && seen.size < seed.reactionsPerReply; k++) {
      const member = pick(seed.authors);
      const kind = pick(KINDS);
      if (member === reply.author || seen.has(`${member}${kind}`)) continue;
      seen.add(`${member}${kind}`);
      reactions.push([reply.id, member, kind]);
    }
  }
  for (let start = 0; start < reactions.length; start += CHUNK * 3) {
    const chunk = reactions.slice(start, start + CHUNK * 3);
    await sql(
      `INSERT INTO discussion_reply_reaction (reply_id, member_id, kind, thread_id)
       SELECT r, m, k::discussion_reaction_kind, $1
         FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS x(r, m, k)`,
      [threadId, chunk.map((r) => r[0]), chunk.map((r) => r[1]), chunk.map((r) => r[2])],
    );
  }
}
