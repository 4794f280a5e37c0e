import { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import {
  LiveNotification,
  NOTIFICATION_EVENT,
  NotificationKind,
  NotificationsService,
} from '@app/notifications';
import {
  emitWithAck,
  GraphQLResult,
  nextEvent,
  startTestApp,
  TestApp,
  TestMember,
} from '../support/test-app';

const LIST = `query($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id kind title link createdAt readAt actor { id handle displayName } } }
  }
}`;
const UNREAD = `{ unreadNotificationCount }`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) { markedCount unreadCount } }`;
const PREFERENCES = `{ notificationPreferences { kind enabled } }`;
const SET_PREFERENCE = `mutation($kind: NotificationKind!, $enabled: Boolean!) {
  setNotificationPreference(kind: $kind, enabled: $enabled) { kind enabled }
}`;

interface NotificationNode {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  actor: { id: string; handle: string; displayName: string } | null;
}
interface ListData {
  notifications: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: { cursor: string; node: NotificationNode }[];
  };
}

describe('notifications', () => {
  let t: TestApp;
  let service: NotificationsService;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(NotificationsService);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  async function list(member: TestMember, first?: number, after?: string | null) {
    const result = await t.gql<ListData>(LIST, { first, after }, member.accessToken);
    expect(result.errors).toBeUndefined();
    return result.data!.notifications;
  }

  async function unread(member: TestMember): Promise<number> {
    const result = await t.gql<{ unreadNotificationCount: number }>(UNREAD, {}, member.accessToken);
    return result.data!.unreadNotificationCount;
  }

  async function storedFor(member: TestMember): Promise<number> {
    const [row] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1',
      [member.id],
    );
    return row.n;
  }

  /** A socket on /live whose member room is joined (the ping round trip comes after the join). */
  async function connect(member: TestMember): Promise<Socket> {
    const socket = t.live(member.accessToken);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await emitWithAck(socket, 'ping');
    return socket;
  }

  it('stores a notification and lists it newest first, with its actor', async () => {
    const me = await t.signUp({ displayName: 'Recipient' });
    const ada = await t.signUp({ displayName: 'Ada Actor' });
    await service.notify(me.id, NotificationKind.REPLY_TO_THREAD, {
      title: 'Ada replied to “Onboarding moderators”',
      link: '/threads/1',
      actorId: ada.id,
    });
    await service.notify(me.id, NotificationKind.ROUNDTABLE_REMINDER, {
      title: 'Your roundtable starts in an hour',
    });

    const page = await list(me);
    expect(page.totalCount).toBe(2);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const [newest, oldest] = page.edges.map((edge) => edge.node);
    expect(newest).toMatchObject({
      kind: 'ROUNDTABLE_REMINDER',
      title: 'Your roundtable starts in an hour',
      link: null,
      readAt: null,
      actor: null,
    });
    expect(oldest).toMatchObject({
      kind: 'REPLY_TO_THREAD',
      link: '/threads/1',
      actor: { id: ada.id, handle: ada.handle, displayName: 'Ada Actor' },
    });
    expect(Date.parse(newest.createdAt)).toBeGreaterThanOrEqual(Date.parse(oldest.createdAt));
    expect(await unread(me)).toBe(2);

    // Nobody else sees them.
    const other = await t.signUp();
    expect((await list(other)).totalCount).toBe(0);
    expect(await unread(other)).toBe(0);
  });

  it('never notifies members about their own action', async () => {
    const me = await t.signUp();
    await service.notify(me.id, NotificationKind.MENTION, {
      title: 'You mentioned you',
      actorId: me.id,
    });
    expect(await storedFor(me)).toBe(0);
  });

  it('pages with `after`, with no duplicates or skips when notifications arrive between pages', async () => {
    const me = await t.signUp();
    const titles = ['n1', 'n2', 'n3', 'n4', 'n5'];
    for (const title of titles) await service.notify(me.id, NotificationKind.MENTION, { title });

    const first = await list(me, 2);
    expect(first.edges.map((e) => e.node.title)).toEqual(['n5', 'n4']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.endCursor).toBe(first.edges[1].cursor);

    // Newer ones arrive while the member reads: they belong before page one, not in page two.
    await service.notify(me.id, NotificationKind.MENTION, { title: 'n6' });
    await service.notify(me.id, NotificationKind.MENTION, { title: 'n7' });

    const second = await list(me, 2, first.pageInfo.endCursor);
    expect(second.edges.map((e) => e.node.title)).toEqual(['n3', 'n2']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const third = await list(me, 2, second.pageInfo.endCursor);
    expect(third.edges.map((e) => e.node.title)).toEqual(['n1']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    expect(third.totalCount).toBe(7);

    // From the top again, the new ones come first.
    expect((await list(me, 2)).edges.map((e) => e.node.title)).toEqual(['n7', 'n6']);
  });

  it('breaks ties in created_at by id, to the microsecond', async () => {
    const me = await t.signUp();
    // Same instant for all three, and two more a microsecond apart: a millisecond cursor would
    // repeat or skip here.
    await t.sql(
      `INSERT INTO notification (recipient_id, kind, title, created_at)
       SELECT $1::uuid, 'MENTION', 'tie ' || i, '2026-01-01T00:00:00.000001Z'::timestamptz
         FROM generate_series(1, 3) i
       UNION ALL
       SELECT $1::uuid, 'MENTION', 'micro ' || i, '2026-01-01T00:00:00.000001Z'::timestamptz
                                            + (i || ' microseconds')::interval
         FROM generate_series(1, 2) i`,
      [me.id],
    );
    const expected = await t.sql<{ id: string }>(
      'SELECT id FROM notification WHERE recipient_id = $1 ORDER BY created_at DESC, id DESC',
      [me.id],
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await list(me, 1, after);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it('refuses a cursor that is not from this list', async () => {
    const me = await t.signUp();
    const result = await t.gql(LIST, { first: 2, after: 'bm90LWEtY3Vyc29y' }, me.accessToken);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await t.gql(LIST, { first: 101 }, me.accessToken);
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('marks the given notifications read, only ever the member’s own', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    for (const title of ['a', 'b', 'c']) {
      await service.notify(me.id, NotificationKind.MENTION, { title });
    }
    await service.notify(other.id, NotificationKind.MENTION, { title: 'theirs' });
    const mine = (await list(me)).edges.map((e) => e.node);
    const theirs = (await list(other)).edges[0].node;

    const marked = await t.gql<{
      markNotificationsRead: { markedCount: number; unreadCount: number };
    }>(MARK_READ, { ids: [mine[0].id, theirs.id] }, me.accessToken);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 2 });
    const [theirsRow] = await t.sql<{ read_at: Date | null }>(
      'SELECT read_at FROM notification WHERE id = $1',
      [theirs.id],
    );
    expect(theirsRow.read_at).toBeNull();
    expect(await unread(other)).toBe(1);

    const after = (await list(me)).edges.map((e) => e.node);
    expect(after.find((n) => n.id === mine[0].id)?.readAt).not.toBeNull();
    expect(after.filter((n) => n.readAt === null)).toHaveLength(2);

    // Marking an already read one again changes nothing; an empty list marks nothing.
    const again = await t.gql(MARK_READ, { ids: [mine[0].id] }, me.accessToken);
    expect(again.data).toEqual({ markNotificationsRead: { markedCount: 0, unreadCount: 2 } });
    const none = await t.gql(MARK_READ, { ids: [] }, me.accessToken);
    expect(none.data).toEqual({ markNotificationsRead: { markedCount: 0, unreadCount: 2 } });

    const bad = await t.gql(MARK_READ, { ids: ['not-a-uuid'] }, me.accessToken);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('marks all of the member’s notifications read without ids', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    for (const title of ['a', 'b', 'c']) {
      await service.notify(me.id, NotificationKind.MENTION, { title });
    }
    await service.notify(other.id, NotificationKind.MENTION, { title: 'theirs' });

    const all = await t.gql(MARK_READ, {}, me.accessToken);
    expect(all.data).toEqual({ markNotificationsRead: { markedCount: 3, unreadCount: 0 } });
    expect(await unread(me)).toBe(0);
    expect(await unread(other)).toBe(1);
  });

  it('lets a suspended member still clear their inbox', async () => {
    const me = await t.signUp();
    await service.notify(me.id, NotificationKind.MODERATION_ACTION, { title: 'You are suspended' });
    await t.sql(`UPDATE account SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
      me.id,
    ]);
    const all = await t.gql(MARK_READ, {}, me.accessToken);
    expect(all.data).toEqual({ markNotificationsRead: { markedCount: 1, unreadCount: 0 } });
  });

  it('respects preferences per kind; account security cannot be switched off', async () => {
    const me = await t.signUp();
    const initial = await t.gql<{ notificationPreferences: { kind: string; enabled: boolean }[] }>(
      PREFERENCES,
      {},
      me.accessToken,
    );
    expect(initial.data!.notificationPreferences).toEqual(
      Object.values(NotificationKind).map((kind) => ({ kind, enabled: true })),
    );

    const off = await t.gql(
      SET_PREFERENCE,
      { kind: 'REPLY_TO_THREAD', enabled: false },
      me.accessToken,
    );
    expect(off.data).toEqual({
      setNotificationPreference: { kind: 'REPLY_TO_THREAD', enabled: false },
    });
    const socket = await connect(me);
    const pushed: LiveNotification[] = [];
    socket.on(NOTIFICATION_EVENT, (n: LiveNotification) => pushed.push(n));

    await service.notify(me.id, NotificationKind.REPLY_TO_THREAD, { title: 'muted' });
    expect(await storedFor(me)).toBe(0);
    await service.notify(me.id, NotificationKind.MENTION, { title: 'still on' });
    expect(await storedFor(me)).toBe(1);

    const prefs = await t.gql<{ notificationPreferences: { kind: string; enabled: boolean }[] }>(
      PREFERENCES,
      {},
      me.accessToken,
    );
    expect(prefs.data!.notificationPreferences.filter((p) => !p.enabled)).toEqual([
      { kind: 'REPLY_TO_THREAD', enabled: false },
    ]);

    await t.gql(SET_PREFERENCE, { kind: 'REPLY_TO_THREAD', enabled: true }, me.accessToken);
    await service.notify(me.id, NotificationKind.REPLY_TO_THREAD, { title: 'back on' });
    expect(await storedFor(me)).toBe(2);
    // notify awaits its push; a short wait lets the socket receive it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pushed.map((n) => n.title)).toEqual(['still on', 'back on']);

    const security = await t.gql(
      SET_PREFERENCE,
      { kind: 'ACCOUNT_SECURITY', enabled: false },
      me.accessToken,
    );
    expect(security.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'KIND_ALWAYS_ON',
    });
    expect(security.errors?.[0].message).toMatch(/cannot be switched off/);
    // Even a row written behind the API's back does not silence it.
    await t.sql(
      `INSERT INTO notification_preference (account_id, kind, enabled) VALUES ($1, 'ACCOUNT_SECURITY', false)`,
      [me.id],
    );
    await service.notify(me.id, NotificationKind.ACCOUNT_SECURITY, { title: 'Password changed' });
    expect(await storedFor(me)).toBe(3);
  });

  it('answers UNAUTHENTICATED to anonymous callers', async () => {
    const operations: [string, Record<string, unknown>][] = [
      [LIST, {}],
      [UNREAD, {}],
      [MARK_READ, {}],
      [PREFERENCES, {}],
      [SET_PREFERENCE, { kind: 'MENTION', enabled: false }],
    ];
    for (const [query, variables] of operations) {
      const result: GraphQLResult = await t.gql(query, variables);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data?.[Object.keys(result.data ?? {})[0]] ?? null).toBeNull();
    }
  });

  it('pushes member.notification to the recipient’s sockets only', async () => {
    const me = await t.signUp();
    const other = await t.signUp();
    const actor = await t.signUp({ displayName: 'Pushy Actor' });
    const mine = await connect(me);
    const theirs = await connect(other);
    const theirFirst = nextEvent<LiveNotification>(theirs, NOTIFICATION_EVENT);

    const received = nextEvent<LiveNotification>(mine, NOTIFICATION_EVENT);
    await service.notify(me.id, NotificationKind.ANSWER_ACCEPTED, {
      title: 'Your answer was accepted',
      link: '/threads/9#reply-3',
      actorId: actor.id,
    });
    const event = await received;
    const [stored] = (await list(me)).edges.map((e) => e.node);
    expect(event).toEqual({
      id: stored.id,
      kind: 'ANSWER_ACCEPTED',
      title: 'Your answer was accepted',
      link: '/threads/9#reply-3',
      createdAt: stored.createdAt,
      actor: { id: actor.id, handle: actor.handle, displayName: 'Pushy Actor' },
    });

    // The other member's first event is their own, later one: they never got mine.
    await service.notify(other.id, NotificationKind.MENTION, { title: 'for the other member' });
    expect((await theirFirst).title).toBe('for the other member');
  });

  it('stores and pushes only after the caller’s transaction commits', async () => {
    const me = await t.signUp();
    const socket = await connect(me);
    const pushed = nextEvent<LiveNotification>(socket, NOTIFICATION_EVENT);

    await dataSource.transaction(async (manager) => {
      await service.notify(
        me.id,
        NotificationKind.WAITLIST_PROMOTED,
        { title: 'You have a seat' },
        manager,
      );
      expect(await storedFor(me)).toBe(0);
    });
    // Stored by the time transaction() resolves.
    expect(await storedFor(me)).toBe(1);
    expect((await pushed).title).toBe('You have a seat');
  });

  it('drops notifications of a transaction that rolls back, or of its rolled-back savepoint', async () => {
    const me = await t.signUp();
    await expect(
      dataSource.transaction(async (manager) => {
        await service.notify(me.id, NotificationKind.MENTION, { title: 'never' }, manager);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await storedFor(me)).toBe(0);

    await dataSource.transaction(async (manager) => {
      await service.notify(me.id, NotificationKind.MENTION, { title: 'outer' }, manager);
      await manager
        .transaction(async (inner) => {
          await service.notify(me.id, NotificationKind.MENTION, { title: 'inner' }, inner);
          throw new Error('savepoint rolled back');
        })
        .catch(() => undefined);
    });
    const titles = (await list(me)).edges.map((e) => e.node.title);
    expect(titles).toEqual(['outer']);
  });

  it('costs the same number of SQL queries for 5 notifications as for 50', async () => {
    const me = await t.signUp();
    const actors = await t.sql<{ id: string }>(
      `INSERT INTO account (email, handle, display_name)
       SELECT 'actor-' || i || '-' || $1 || '@example.org', 'actor-' || i || '-' || left($1, 8), 'Actor ' || i
         FROM generate_series(1, 50) i
       RETURNING id`,
      [me.id.replace(/-/g, '')],
    );
    for (const actor of actors) {
      await service.notify(me.id, NotificationKind.MENTION, { title: 'hi', actorId: actor.id });
    }

    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const counted = async (first: number) => {
        spy.mockClear();
        const page = await list(me, first);
        expect(page.edges).toHaveLength(first);
        expect(new Set(page.edges.map((e) => e.node.actor?.id)).size).toBe(first);
        return spy.mock.calls.length;
      };
      const five = await counted(5);
      const fifty = await counted(50);
      expect(fifty).toBe(five);
      // The token check, the page, its total and one batch of actors (plus slack for core).
      expect(five).toBeLessThanOrEqual(5);
    } finally {
      spy.mockRestore();
    }
  });
});
