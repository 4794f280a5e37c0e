import { TestApp, TestMember } from '../support/test-app';
import { must, uniqueSlug as slug } from '../support/graphql';

/** Operations and helpers shared by the archive suites; each suite makes its own data. */

export const COLLECTION_FIELDS = `id slug title summary summaryHtml tags status publishedAt
  createdAt updatedAt entryCount createdBy { handle }`;

export const ENTRY_FIELDS = `id position kind threadId replyId recapId note noteHtml reviewBy
  reviewedAt stale archived available addedAt
  content { title body bodyHtml author { handle displayName } link createdAt }`;

export const CREATE = `mutation($input: CreateCollectionInput!) {
  createCollection(input: $input) { ${COLLECTION_FIELDS} }
}`;
export const UPDATE = `mutation($input: UpdateCollectionInput!) {
  updateCollection(input: $input) { ${COLLECTION_FIELDS} }
}`;
export const PUBLISH = `mutation($slug: String!) { publishCollection(slug: $slug) { ${COLLECTION_FIELDS} } }`;
export const UNPUBLISH = `mutation($slug: String!) { unpublishCollection(slug: $slug) { ${COLLECTION_FIELDS} } }`;
export const ADD = `mutation($input: AddCollectionEntryInput!) {
  addCollectionEntry(input: $input) { ${ENTRY_FIELDS} collection { slug } }
}`;
export const MOVE = `mutation($input: MoveCollectionEntryInput!) {
  moveCollectionEntry(input: $input) { slug entries { id position } }
}`;
export const REMOVE = `mutation($entryId: ID!) {
  removeCollectionEntry(entryId: $entryId) { slug entries { id position } }
}`;
export const COLLECTION = `query($slug: String!) {
  collection(slug: $slug) { ${COLLECTION_FIELDS} entries { ${ENTRY_FIELDS} } }
}`;
export const COLLECTIONS = `query($filter: CollectionFilter, $first: Int, $after: String) {
  collections(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug status } }
  }
}`;
export const CONFIRM = `mutation($entryId: ID!, $reviewBy: DateTime!, $reason: String) {
  confirmEntry(entryId: $entryId, reviewBy: $reviewBy, reason: $reason) { ${ENTRY_FIELDS} }
}`;
export const REPLACE = `mutation($input: ReplaceCollectionEntryInput!) {
  replaceCollectionEntry(input: $input) { ${ENTRY_FIELDS} }
}`;
export const STALE = `query($first: Int, $after: String) {
  staleEntries(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reviewBy stale note collection { slug } } }
  }
}`;
export const MARK = `mutation($replyId: ID!, $reason: String!) {
  markCanonicalAnswer(replyId: $replyId, reason: $reason) { id canonical }
}`;
export const UNMARK = `mutation($replyId: ID!, $reason: String!) {
  unmarkCanonicalAnswer(replyId: $replyId, reason: $reason) { id canonical }
}`;
export const SEARCH = `query($query: String!, $filter: SearchFilter) {
  search(query: $query, filter: $filter) {
    totalCount edges { node { kind targetId title link score canonical } }
  }
}`;

export interface EntryNode {
  id: string;
  position: number;
  kind: string;
  threadId: string | null;
  replyId: string | null;
  recapId: string | null;
  note: string;
  noteHtml: string;
  reviewBy: string | null;
  reviewedAt: string | null;
  stale: boolean;
  archived: boolean;
  available: boolean;
  addedAt: string;
  content: {
    title: string;
    body: string;
    bodyHtml: string;
    author: { handle: string; displayName: string } | null;
    link: string;
    createdAt: string;
  } | null;
}

export interface CollectionNode {
  id: string;
  slug: string;
  title: string;
  summary: string;
  summaryHtml: string;
  tags: string[];
  status: 'DRAFT' | 'PUBLISHED';
  publishedAt: string | null;
  entryCount: number;
  createdBy: { handle: string } | null;
  entries?: EntryNode[];
}

export { codeOf, must, reasonOf, suspended, withRole } from '../support/graphql';

/** A slug no other test uses. */
export const uniqueSlug = (prefix = 'arc') => slug(prefix);

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export async function createSpace(t: TestApp, staff: TestMember, slug = uniqueSlug('space')) {
  must(
    await t.gql(
      `mutation($input: CreateSpaceInput!) { createSpace(input: $input) { slug } }`,
      { input: { name: `Space ${slug}`, slug, description: 'For archive tests' } },
      staff.accessToken,
    ),
  );
  return slug;
}

export async function startThread(
  t: TestApp,
  author: TestMember,
  spaceSlug: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; title: string }> {
  const data = must(
    await t.gql<{ startThread: { id: string; title: string } }>(
      `mutation($input: StartThreadInput!) { startThread(input: $input) { id title } }`,
      {
        input: {
          spaceSlug,
          kind: 'QUESTION',
          title: 'How do you prove community ROI?',
          body: 'Our CFO asks for **numbers**.',
          tags: ['roi'],
          ...overrides,
        },
      },
      author.accessToken,
    ),
  );
  return data.startThread;
}

export async function postReply(
  t: TestApp,
  author: { accessToken: string },
  threadId: string,
  body = 'Tie retention to support deflection.',
): Promise<{ id: string }> {
  const data = must(
    await t.gql<{ postReply: { id: string } }>(
      `mutation($input: PostReplyInput!) { postReply(input: $input) { id } }`,
      { input: { threadId, body } },
      author.accessToken,
    ),
  );
  return data.postReply;
}

export async function createCollection(
  t: TestApp,
  curator: { accessToken: string },
  overrides: Record<string, unknown> = {},
): Promise<CollectionNode> {
  const data = must(
    await t.gql<{ createCollection: CollectionNode }>(
      CREATE,
      {
        input: {
          title: 'Proving community ROI',
          slug: uniqueSlug(),
          summary: 'The **best** answers on measuring value.',
          tags: ['roi'],
          ...overrides,
        },
      },
      curator.accessToken,
    ),
  );
  return data.createCollection;
}

export async function addEntry(
  t: TestApp,
  curator: { accessToken: string },
  input: Record<string, unknown>,
): Promise<EntryNode> {
  const data = must(
    await t.gql<{ addCollectionEntry: EntryNode }>(ADD, { input }, curator.accessToken),
  );
  return data.addCollectionEntry;
}

export async function readCollection(
  t: TestApp,
  reader: TestMember,
  slug: string,
): Promise<CollectionNode | null> {
  return must(
    await t.gql<{ collection: CollectionNode | null }>(COLLECTION, { slug }, reader.accessToken),
  ).collection;
}

/** Audit records written for a target, newest first (straight from the table). */
export function auditOf(t: TestApp, targetId: string) {
  return t.sql<{
    action: string;
    actor_id: string;
    reason: string;
    before: unknown;
    after: unknown;
  }>(
    `SELECT action, actor_id, reason, before, after FROM audit_log WHERE target_id = $1
      ORDER BY created_at DESC, id DESC`,
    [targetId],
  );
}
