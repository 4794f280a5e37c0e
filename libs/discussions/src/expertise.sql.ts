/**
 * Earned expertise, computed from the posts themselves whenever it is read (so hiding, deleting
 * or un-accepting takes effect at once). Points a member earns in every tag of the thread:
 */
export const EXPERTISE_POINTS = {
  /** Their reply is the accepted answer of a question. */
  acceptedAnswer: 10,
  /** A HELPFUL reaction from another member on their reply or thread. */
  helpfulReaction: 2,
  /** The asker rated the feedback on their reply useful. */
  usefulFeedback: 5,
} as const;

const P = EXPERTISE_POINTS;

/** Thread `t` in space `s` counts: neither deleted nor hidden, and public if `$public` is set. */
const threadCounts = (publicParam: string) =>
  `t.deleted_at IS NULL AND t.hidden_at IS NULL AND (NOT ${publicParam}::boolean OR s.visibility = 'PUBLIC')`;
const replyCounts = `r.deleted_at IS NULL AND r.hidden_at IS NULL`;

/**
 * `$1` member ids, `$2` public spaces only (anonymous readers): one row per member and tag
 * with points, best first. Each source starts from the members' own posts (author indexes).
 */
export const EARNED_SQL = `
  WITH points AS (
    SELECT r.author_id AS member_id, t.tags, ${P.acceptedAnswer} AS score, 1 AS answers
      FROM discussion_reply r
      JOIN discussion_thread t ON t.id = r.thread_id AND t.accepted_reply_id = r.id
      JOIN discussion_space s ON s.id = t.space_id
     WHERE r.author_id = ANY($1::uuid[]) AND ${replyCounts} AND ${threadCounts('$2')}
    UNION ALL
    SELECT r.author_id, t.tags, ${P.helpfulReaction}, 0
      FROM discussion_reply r
      JOIN discussion_reply_reaction x
        ON x.reply_id = r.id AND x.kind = 'HELPFUL' AND x.member_id <> r.author_id
      JOIN discussion_thread t ON t.id = r.thread_id
      JOIN discussion_space s ON s.id = t.space_id
     WHERE r.author_id = ANY($1::uuid[]) AND ${replyCounts} AND ${threadCounts('$2')}
    UNION ALL
    SELECT r.author_id, t.tags, ${P.usefulFeedback}, 0
      FROM discussion_reply r
      JOIN discussion_feedback_rating f ON f.reply_id = r.id AND f.useful
      JOIN discussion_thread t ON t.id = r.thread_id
      JOIN discussion_space s ON s.id = t.space_id
     WHERE r.author_id = ANY($1::uuid[]) AND ${replyCounts} AND ${threadCounts('$2')}
    UNION ALL
    SELECT t.author_id, t.tags, ${P.helpfulReaction}, 0
      FROM discussion_thread t
      JOIN discussion_thread_reaction x
        ON x.thread_id = t.id AND x.kind = 'HELPFUL' AND x.member_id <> t.author_id
      JOIN discussion_space s ON s.id = t.space_id
     WHERE t.author_id = ANY($1::uuid[]) AND ${threadCounts('$2')})
  SELECT p.member_id, tag, sum(p.score)::int AS score, sum(p.answers)::int AS answers
    FROM points p CROSS JOIN LATERAL unnest(p.tags) AS tag
   GROUP BY p.member_id, tag
   ORDER BY p.member_id, score DESC, tag`;

/**
 * `$1` question ids, `$2` how many per question: members whose claimed expertise (profiles) or
 * earned points (the sources above, in threads sharing a tag with the question) match its tags,
 * ranked by earned points over those tags, then by how many tags match, then by handle. The
 * asker and deleted accounts are left out. Each source starts from the matching threads; the
 * CTEs are materialised so that points are summed before any account is looked up.
 */
export const SUGGESTED_PEERS_SQL = `
  WITH asked AS (
    SELECT id, author_id, tags FROM discussion_thread
     WHERE id = ANY($1::uuid[]) AND kind = 'QUESTION' AND cardinality(tags) > 0),
  matching AS MATERIALIZED (
    SELECT a.id AS asked_id, t.id AS thread_id, t.author_id, t.accepted_reply_id, tag
      FROM asked a
      JOIN discussion_thread t ON t.tags && a.tags
      CROSS JOIN LATERAL unnest(t.tags) AS tag
     WHERE tag = ANY(a.tags) AND t.deleted_at IS NULL AND t.hidden_at IS NULL),
  points AS MATERIALIZED (
    SELECT m.asked_id, r.author_id AS member_id, m.tag, ${P.acceptedAnswer} AS score
      FROM matching m JOIN discussion_reply r ON r.id = m.accepted_reply_id
     WHERE ${replyCounts}
    UNION ALL
    SELECT m.asked_id, r.author_id, m.tag, ${P.helpfulReaction}
      FROM matching m
      JOIN discussion_reply_reaction x ON x.thread_id = m.thread_id AND x.kind = 'HELPFUL'
      JOIN discussion_reply r ON r.id = x.reply_id AND r.author_id <> x.member_id
     WHERE ${replyCounts}
    UNION ALL
    SELECT m.asked_id, r.author_id, m.tag, ${P.usefulFeedback}
      FROM matching m
      JOIN discussion_reply r ON r.thread_id = m.thread_id
      JOIN discussion_feedback_rating f ON f.reply_id = r.id AND f.useful
     WHERE ${replyCounts}
    UNION ALL
    SELECT m.asked_id, m.author_id, m.tag, ${P.helpfulReaction}
      FROM matching m
      JOIN discussion_thread_reaction x
        ON x.thread_id = m.thread_id AND x.kind = 'HELPFUL' AND x.member_id <> m.author_id
    UNION ALL
    SELECT a.id, mt.account_id, tg.name, 0
      FROM asked a
      JOIN tag tg ON tg.name = ANY(a.tags)
      JOIN member_tag mt ON mt.tag_id = tg.id AND mt.kind = 'EXPERTISE'),
  scored AS (
    SELECT asked_id, member_id, sum(score)::int AS score,
           array_agg(DISTINCT tag ORDER BY tag) AS tags
      FROM points GROUP BY asked_id, member_id),
  ranked AS (
    SELECT s.*, row_number() OVER (PARTITION BY s.asked_id
                                   ORDER BY s.score DESC, cardinality(s.tags) DESC, ac.handle) AS rank
      FROM scored s
      JOIN asked a ON a.id = s.asked_id
      JOIN account ac ON ac.id = s.member_id
     WHERE s.member_id <> a.author_id AND ac.deleted_at IS NULL)
  SELECT k.asked_id AS thread_id, k.score, k.tags,
         EXISTS (SELECT 1 FROM discussion_peer_invitation i
                  WHERE i.thread_id = k.asked_id AND i.invitee_id = k.member_id) AS invited,
         ac.id, ac.handle, ac.display_name, ac.role, ac.created_at, ac.suspended_until
    FROM ranked k JOIN account ac ON ac.id = k.member_id
   WHERE k.rank <= $2
   ORDER BY k.asked_id, k.rank`;
