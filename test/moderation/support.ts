import { TestApp, TestMember } from '../support/test-app';
import { must, uniqueSlug as slug } from '../support/graphql';

/** Operations and helpers shared by the moderation suites; each suite makes its own data. */

export const ACTION_FIELDS = `id action targetKind targetId reason at before after
  actor { handle } subject { handle }`;

export const REPORT = `mutation($input: ReportInput!) {
  report(input: $input) {
    id reason note createdAt reporter { handle }
    target { kind threadId replyId memberId roundtableMessage { roundtableId seq } }
  }
}`;

export const QUEUE = `query($filter: ModerationQueueFilter, $first: Int, $after: String) {
  moderationQueue(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node {
      id status reportCount createdAt lastReportedAt resolvedAt resolution resolutionReason
      resolvedBy { handle }
      target { kind threadId replyId memberId roundtableMessage { roundtableId seq } }
      reports { id reason note reporter { handle } }
      reported { title body tags hidden locked removed handle link }
      current { title body tags hidden locked removed handle suspendedUntil link }
      author { handle }
      authorHistory { action reason targetKind }
    } }
  }
}`;

export const LOG = `query($filter: ModerationLogFilter, $first: Int, $after: String) {
  moderationLog(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${ACTION_FIELDS} } }
  }
}`;

/** A mutation `name(input: $input)` answering the audit record. */
export const action = (name: string, inputType: string, extra = '') =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${ACTION_FIELDS} ${extra} } }`;

export const HIDE = action(
  'hideContent',
  'HideContentInput',
  'reply { id hidden } thread { id hidden }',
);
export const RESTORE = action('restoreContent', 'RestoreContentInput');
export const LOCK = action('lockThread', 'LockThreadInput', 'thread { id lockedAt }');
export const UNLOCK = action('unlockThread', 'UnlockThreadInput');
export const PIN = action('pinThread', 'PinThreadInput', 'thread { id pinned pinnedAt }');
export const UNPIN = action('unpinThread', 'UnpinThreadInput');
export const MOVE = action('moveThread', 'MoveThreadInput', 'thread { id space { slug } }');
export const MERGE = action('mergeThreads', 'MergeThreadsInput');
export const EDIT_TAGS = action('editThreadTags', 'EditThreadTagsInput', 'thread { id tags }');
export const DISMISS = action('dismissReports', 'DismissReportsInput');
export const SUSPEND = action('suspendMember', 'SuspendMemberInput');
export const LIFT = action('liftSuspension', 'LiftSuspensionInput');

export const START_THREAD = `mutation($input: StartThreadInput!) {
  startThread(input: $input) { id title body tags author { handle } }
}`;
export const POST_REPLY = `mutation($input: PostReplyInput!) { postReply(input: $input) { id body } }`;
export const THREAD = `query($id: ID!) {
  thread(id: $id) {
    id title hidden lockedAt pinned tags replyCount space { slug } mergedInto { id }
    replyTree { id parentReplyId body removed hidden author { handle } }
  }
}`;
export const THREADS = `query($filter: ThreadFilter, $first: Int) {
  threads(filter: $filter, first: $first) { totalCount edges { node { id title pinned hidden } } }
}`;
export const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind title link actor { handle } } } } }`;
export const SEARCH = `query($query: String!, $filter: SearchFilter) {
  search(query: $query, filter: $filter) { totalCount edges { node { kind targetId hidden spaceSlug } } }
}`;

export interface ActionNode {
  id: string;
  action: string;
  targetKind: string;
  targetId: string;
  reason: string;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor: { handle: string } | null;
  subject: { handle: string } | null;
}

export interface QueueItem {
  id: string;
  status: string;
  reportCount: number;
  resolvedAt: string | null;
  resolution: string | null;
  resolutionReason: string | null;
  resolvedBy: { handle: string } | null;
  target: {
    kind: string;
    threadId: string | null;
    replyId: string | null;
    memberId: string | null;
    roundtableMessage: { roundtableId: string; seq: number } | null;
  };
  reports: Array<{ id: string; reason: string; note: string | null; reporter: { handle: string } }>;
  reported: Record<string, unknown>;
  current: Record<string, unknown>;
  author: { handle: string } | null;
  authorHistory: Array<{ action: string; reason: string; targetKind: string }>;
}

export interface QueuePage {
  moderationQueue: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: QueueItem }>;
  };
}

export { codeOf, must, withRole } from '../support/graphql';

/** A slug no other test uses. */
export const uniqueSlug = (prefix = 'mod') => slug(prefix);

export async function createSpace(t: TestApp, staff: TestMember, slug = uniqueSlug()) {
  must(
    await t.gql(
      `mutation($input: CreateSpaceInput!) { createSpace(input: $input) { slug } }`,
      { input: { name: `Space ${slug}`, slug, description: 'For moderation tests' } },
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
      START_THREAD,
      {
        input: {
          spaceSlug,
          kind: 'QUESTION',
          title: 'How do you welcome new members?',
          body: 'Looking for onboarding rituals that work.',
          tags: ['onboarding'],
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
): Promise<{ id: string; body: string }> {
  const data = must(
    await t.gql<{ postReply: { id: string; body: string } }>(
      POST_REPLY,
      { input: { threadId, body: 'A welcome call in the first week.', ...overrides } },
      author.accessToken,
    ),
  );
  return data.postReply;
}

/** The queue as `viewer` sees it (OPEN unless the filter says otherwise). */
export async function queue(
  t: TestApp,
  viewer: TestMember,
  filter: Record<string, unknown> = {},
  first = 30,
): Promise<QueueItem[]> {
  const data = must(await t.gql<QueuePage>(QUEUE, { filter, first }, viewer.accessToken));
  return data.moderationQueue.edges.map((edge) => edge.node);
}

export async function notificationsOf(t: TestApp, member: TestMember) {
  const data = must(
    await t.gql<{
      notifications: {
        edges: Array<{ node: { kind: string; title: string; link: string | null } }>;
      };
    }>(NOTIFICATIONS, {}, member.accessToken),
  );
  return data.notifications.edges.map((edge) => edge.node);
}

/** The latest audit record for a target, through moderationLog. */
export async function lastLogged(
  t: TestApp,
  viewer: TestMember,
  filter: Record<string, unknown>,
): Promise<ActionNode | undefined> {
  const data = must(
    await t.gql<{ moderationLog: { edges: Array<{ node: ActionNode }> } }>(
      LOG,
      { filter, first: 1 },
      viewer.accessToken,
    ),
  );
  return data.moderationLog.edges[0]?.node;
}
