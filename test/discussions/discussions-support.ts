import { TestApp, TestMember } from '../support/test-app';
import { must, uniqueSlug as slug, withRole } from '../support/graphql';

/** Helpers shared by the discussions suites: each suite still makes its own data. */
export const THREAD_FIELDS = `id kind title body bodyHtml tags replyCount score solved acceptedReplyId
  createdAt lastActivityAt editedAt lockedAt hiddenAt hidden deletedAt
  author { id handle } space { slug visibility }`;

export const REPLY_FIELDS = `id threadId parentReplyId depth childCount body bodyHtml removed hidden accepted
  createdAt editedAt feedback { worked wouldChange risks } author { id handle }`;

export const START_THREAD = `mutation($input: StartThreadInput!) { startThread(input: $input) { ${THREAD_FIELDS} } }`;
export const POST_REPLY = `mutation($input: PostReplyInput!) { postReply(input: $input) { ${REPLY_FIELDS} } }`;
export const CREATE_SPACE = `mutation($input: CreateSpaceInput!) { createSpace(input: $input) { id slug name description visibility createdAt } }`;
export const THREAD = `query($id: ID!) { thread(id: $id) { ${THREAD_FIELDS} } }`;
export const TREE = `query($id: ID!, $after: ID, $limit: Int) {
  thread(id: $id) { id replyTree(after: $after, limit: $limit) { ${REPLY_FIELDS} } }
}`;

export interface ThreadNode {
  id: string;
  kind: string;
  title: string;
  body: string;
  bodyHtml: string;
  tags: string[];
  replyCount: number;
  score: number;
  solved: boolean;
  acceptedReplyId: string | null;
  createdAt: string;
  lastActivityAt: string;
  editedAt: string | null;
  lockedAt: string | null;
  hiddenAt: string | null;
  hidden: boolean;
  deletedAt: string | null;
  author: { id: string; handle: string };
  space: { slug: string; visibility: string };
}

export interface ReplyNode {
  id: string;
  threadId: string;
  parentReplyId: string | null;
  depth: number;
  childCount: number;
  body: string | null;
  bodyHtml: string | null;
  removed: boolean;
  hidden: boolean;
  accepted: boolean;
  createdAt: string;
  editedAt: string | null;
  feedback: { worked: string | null; wouldChange: string | null; risks: string | null } | null;
  author: { id: string; handle: string } | null;
}

export { codeOf as errorCode, must } from '../support/graphql';

/** A slug no other test uses. */
export const uniqueSlug = (prefix = 'space') => slug(prefix);

/** A moderator, made so directly in the database. */
export const moderator = (t: TestApp, name = 'Mod Erator'): Promise<TestMember> =>
  withRole(t, 'MODERATOR', name);

export async function createSpace(
  t: TestApp,
  mod: TestMember,
  visibility: 'PUBLIC' | 'MEMBERS' = 'MEMBERS',
  slug = uniqueSlug(),
): Promise<string> {
  must(
    await t.gql(
      CREATE_SPACE,
      { input: { name: `Space ${slug}`, slug, description: 'For tests', visibility } },
      mod.accessToken,
    ),
  );
  return slug;
}

export async function startThread(
  t: TestApp,
  author: TestMember,
  spaceSlug: string,
  overrides: Record<string, unknown> = {},
): Promise<ThreadNode> {
  const data = must(
    await t.gql<{ startThread: ThreadNode }>(
      START_THREAD,
      {
        input: {
          spaceSlug,
          kind: 'QUESTION',
          title: 'How do you measure engagement?',
          body: 'Looking for **practical** advice.',
          tags: ['engagement metrics'],
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
  author: TestMember,
  threadId: string,
  overrides: Record<string, unknown> = {},
): Promise<ReplyNode> {
  const data = must(
    await t.gql<{ postReply: ReplyNode }>(
      POST_REPLY,
      { input: { threadId, body: 'Track returning contributors.', ...overrides } },
      author.accessToken,
    ),
  );
  return data.postReply;
}
