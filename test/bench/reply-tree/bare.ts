import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { Pool } from 'pg';

const KINDS = ['HELPFUL', 'INSIGHTFUL', 'SAME_HERE'] as const;

interface TreeRow {
  id: string;
  depth: number;
  parent_reply_id: string | null;
  removed: boolean;
  body: string;
  handle: string | null;
  display_name: string | null;
  kinds: string[] | null;
  counts: number[] | null;
  mines: boolean[] | null;
}

/**
 * The whole answer in one statement: the replies a member is shown in tree order (placeholders
 * for removed replies with a shown reply beneath), their authors, and reaction counts.
 */
const TREE_SQL = `
  WITH th AS (
    SELECT t.id FROM discussion_thread t
     WHERE t.id = $1 AND t.deleted_at IS NULL AND t.hidden_at IS NULL),
  shown AS (
    SELECT r.id, r.depth, r.parent_reply_id, r.path, r.author_id, r.body,
           (r.deleted_at IS NOT NULL OR r.hidden_at IS NOT NULL) AS removed
      FROM discussion_reply r JOIN th ON r.thread_id = th.id
     WHERE (r.deleted_at IS NULL AND r.hidden_at IS NULL)
        OR EXISTS (SELECT 1 FROM discussion_reply d
                    WHERE d.thread_id = r.thread_id AND d.path > r.path AND d.path < r.path || '~'
                      AND d.deleted_at IS NULL AND d.hidden_at IS NULL)
     ORDER BY r.path LIMIT 2000),
  reactions AS (
    SELECT reply_id, array_agg(kind) AS kinds, array_agg(n) AS counts, array_agg(mine) AS mines
      FROM (SELECT reply_id, kind::text AS kind, count(*)::int AS n, bool_or(member_id = $2) AS mine
              FROM discussion_reply_reaction WHERE thread_id = $1 GROUP BY reply_id, kind) x
     GROUP BY reply_id)
  SELECT s.id, s.depth, s.parent_reply_id, s.removed, s.body, a.handle, a.display_name,
         x.kinds, x.counts, x.mines
    FROM shown s
    LEFT JOIN account a ON a.id = s.author_id
    LEFT JOIN reactions x ON x.reply_id = s.id
   ORDER BY s.path`;

const SESSION_SQL = `SELECT a.id FROM auth_session s JOIN account a ON a.id = s.account_id
                      WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL`;

/** The signed-in member's id from an HS256 access token and a live session, or null. */
async function viewerOf(req: IncomingMessage, secret: string, pool: Pool): Promise<string | null> {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (!header || !payload || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    sub: string;
    sid: string;
    exp: number;
  };
  if (claims.exp * 1000 <= Date.now()) return null;
  const { rows } = await pool.query<{ id: string }>(SESSION_SQL, [claims.sid, claims.sub]);
  return rows[0]?.id ?? null;
}

function toReply(row: TreeRow) {
  const counts = new Map<string, [number, boolean]>();
  row.kinds?.forEach((kind, i) =>
    counts.set(kind, [row.counts?.[i] ?? 0, row.mines?.[i] === true]),
  );
  return {
    id: row.id,
    depth: row.depth,
    parentReplyId: row.parent_reply_id,
    body: row.removed ? null : row.body,
    author:
      row.removed || !row.handle ? null : { handle: row.handle, displayName: row.display_name },
    reactions: KINDS.map((kind) => {
      const [count, mine] = row.removed ? [0, false] : (counts.get(kind) ?? [0, false]);
      return { kind, count, mine };
    }),
  };
}

async function readJson(req: IncomingMessage): Promise<{ variables?: { id?: string } }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: { id?: string } };
}

/** The baseline: node:http + pg, the same JSON as `thread(id) { replyTree { ... } }`. */
export async function serveBare(url: string, secret: string): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 10 });
  const server = createServer((req, res) => {
    void (async () => {
      const [body, viewer] = await Promise.all([readJson(req), viewerOf(req, secret, pool)]);
      const threadId = String(body.variables?.id ?? '');
      const { rows } = await pool.query<TreeRow>(TREE_SQL, [threadId, viewer]);
      let thread: { replyTree: unknown[] } | null = { replyTree: rows.map(toReply) };
      if (rows.length === 0) {
        const found = await pool.query(
          'SELECT 1 FROM discussion_thread WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL',
          [threadId],
        );
        if (found.rowCount === 0) thread = null;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { thread } }));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.once('message', () => server.close(() => void pool.end().then(() => process.exit(0))));
  return (server.address() as { port: number }).port;
}
