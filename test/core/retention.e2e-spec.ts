import { SchedulerRegistry } from '@nestjs/schedule';
import { AuthRecordsRetention } from '@app/core';
import { NotificationRetention } from '@app/notifications';
import { startTestApp, TestApp, TestMember } from '../support/test-app';

const ME = `query { me { handle } }`;

/**
 * The hourly pruning of records nobody reads any more: finished sessions and reset links after
 * FINISHED_AUTH_RETENTION_DAYS (30 by default), read notifications after
 * READ_NOTIFICATION_RETENTION_DAYS (180). The jobs' `prune` is called directly.
 */
describe('retention: pruning what is over', () => {
  let t: TestApp;
  let member: TestMember;
  beforeAll(async () => {
    t = await startTestApp();
    member = await t.signUp({ displayName: 'Retention Member' });
  });
  afterAll(() => t?.close());

  const ago = (days: number) => `now() - interval '${days} days'`;

  it('deletes sessions and reset links finished over 30 days ago, and nothing live', async () => {
    const sessions = async (values: string) =>
      (
        await t.sql<{ id: string }>(
          `INSERT INTO auth_session (account_id, refresh_token_hash, refresh_expires_at, revoked_at)
           VALUES ${values} RETURNING id`,
          [member.id],
        )
      ).map((row) => row.id);
    const gone = await sessions(
      `($1, 'a', ${ago(31)}, NULL), ($1, 'b', now() + interval '5 days', ${ago(40)})`,
    );
    const kept = await sessions(
      `($1, 'c', ${ago(29)}, NULL), ($1, 'd', now() + interval '5 days', ${ago(2)}),
       ($1, 'e', now() + interval '20 days', NULL)`,
    );
    const resets = async (values: string) =>
      (
        await t.sql<{ id: string }>(
          `INSERT INTO password_reset (account_id, token_hash, issued_by, expires_at, used_at)
           VALUES ${values} RETURNING id`,
          [member.id],
        )
      ).map((row) => row.id);
    const goneResets = await resets(
      `($1, 'x', $1, ${ago(45)}, NULL), ($1, 'y', $1, now() + interval '1 hour', ${ago(31)})`,
    );
    const keptResets = await resets(
      `($1, 'z', $1, ${ago(3)}, NULL), ($1, 'w', $1, now() + interval '1 hour', NULL)`,
    );

    const pruned = await t.app.get(AuthRecordsRetention).prune();
    expect(pruned).toEqual({ sessions: 2, resets: 2 });
    const left = await t.sql<{ id: string }>(
      `SELECT id FROM auth_session WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id FROM password_reset WHERE id = ANY($1::uuid[])`,
      [[...gone, ...kept, ...goneResets, ...keptResets]],
    );
    expect(left.map((row) => row.id).sort()).toEqual([...kept, ...keptResets].sort());
    // The member's own session (signed in just now) still works; a second run finds nothing.
    expect((await t.gql<{ me: { handle: string } }>(ME, {}, member.accessToken)).data?.me).toEqual({
      handle: member.handle,
    });
    expect(await t.app.get(AuthRecordsRetention).prune()).toEqual({ sessions: 0, resets: 0 });
  });

  it('deletes notifications read over 180 days ago, never unread ones', async () => {
    const insert = (readAt: string, createdAt: string) =>
      t.sql<{ id: string }>(
        `INSERT INTO notification (recipient_id, kind, title, read_at, created_at)
         VALUES ($1, 'MENTION', 'Someone mentioned you', ${readAt}, ${createdAt}) RETURNING id`,
        [member.id],
      );
    const [readLongAgo] = await insert(ago(181), ago(200));
    const [readRecently] = await insert(ago(10), ago(400));
    const [unreadAncient] = await insert('NULL', ago(1000));

    expect(await t.app.get(NotificationRetention).prune()).toBe(1);
    const left = await t.sql<{ id: string }>(
      `SELECT id FROM notification WHERE id = ANY($1::uuid[])`,
      [[readLongAgo.id, readRecently.id, unreadAncient.id]],
    );
    expect(left.map((row) => row.id).sort()).toEqual([readRecently.id, unreadAncient.id].sort());
  });

  it('schedules every job on a node with RUN_JOBS, and none in the test apps', async () => {
    expect(() => t.app.get(SchedulerRegistry)).toThrow();
    const node = await startTestApp({ runJobs: true });
    try {
      expect([...node.app.get(SchedulerRegistry).getCronJobs().keys()].sort()).toEqual([
        'core.auth-records-retention',
        'notifications.retention',
        'roundtables.missed',
        'roundtables.reminders',
      ]);
    } finally {
      await node.close();
    }
  });
});
