/** PUBLIC: anyone, signed in or not. MEMBERS: signed-in members only. */
export const SEARCH_VISIBILITIES = ['PUBLIC', 'MEMBERS'] as const;
export type SearchVisibility = (typeof SEARCH_VISIBILITIES)[number];

/** What a domain writes for one searchable thing; upserted by (kind, targetId). */
export interface SearchDocumentInput {
  /** UPPER_CASE, e.g. THREAD, REPLY, later COLLECTION, RECAP. */
  kind: string;
  /** The thing's uuid in its own domain. */
  targetId: string;
  spaceSlug: string | null;
  tags: string[];
  visibility: SearchVisibility;
  /** Hidden by moderators: left out for members, shown to moderators and admins. */
  hidden: boolean;
  /** For a reply: its thread's title. */
  title: string;
  /** Markdown or plain text. */
  body: string;
  /** Path the client can open, e.g. /threads/<id>#reply-<id>. */
  link: string;
  /** Threads: an accepted answer exists. Left out on re-indexing: the stored value stays. */
  solved?: boolean | null;
  /** Ranking multiplier, default 1. Left out on re-indexing: the stored value stays. */
  boost?: number;
  createdAt: Date;
}

/** Fields `SearchService.update` may change without re-sending the whole document. */
export type SearchDocumentPatch = Partial<
  Pick<SearchDocumentInput, 'spaceSlug' | 'tags' | 'visibility' | 'title' | 'solved' | 'boost'>
>;

/** Who is reading, as far as search cares. */
export type SearchAudience = 'ANONYMOUS' | 'MEMBER' | 'STAFF';
