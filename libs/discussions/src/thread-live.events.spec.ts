import { ThreadEventKind } from './thread-event.entity';
import { ThreadEventRow, toLiveEvent } from './thread-live.events';

const at = new Date('2026-01-02T03:04:05.000Z');

function row(overrides: Partial<ThreadEventRow> = {}): ThreadEventRow {
  return {
    thread_id: 'thread-1',
    event_id: 7,
    kind: ThreadEventKind.REPLY,
    reply_id: 'reply-1',
    data: null,
    t_author_id: 'asker',
    t_title: 'A question',
    t_body: 'Body',
    t_body_html: '<p>Body</p>',
    t_tags: ['onboarding'],
    t_accepted_reply_id: null,
    t_edited_at: null,
    t_locked_at: null,
    t_hidden_at: null,
    t_deleted_at: null,
    r_parent_reply_id: null,
    r_parent_author_id: null,
    r_depth: 0,
    r_body: 'A secret answer',
    r_body_html: '<p>A secret answer</p>',
    r_feedback_worked: 'Cohorts',
    r_feedback_would_change: null,
    r_feedback_risks: null,
    r_mention_ids: [],
    r_created_at: at,
    r_edited_at: null,
    r_locked_at: null,
    r_hidden_at: null,
    r_deleted_at: null,
    a_id: 'peer',
    a_handle: 'peer',
    a_display_name: 'Peer',
    ...overrides,
  };
}

describe('toLiveEvent', () => {
  it('shows a visible reply alike to members and staff', () => {
    const forMembers = toLiveEvent(row(), false);
    expect(forMembers).toEqual({
      event: 'thread.reply',
      data: {
        threadId: 'thread-1',
        eventId: 7,
        reply: {
          id: 'reply-1',
          parentReplyId: null,
          depth: 0,
          body: 'A secret answer',
          bodyHtml: '<p>A secret answer</p>',
          feedback: { worked: 'Cohorts', wouldChange: null, risks: null },
          author: { id: 'peer', handle: 'peer', displayName: 'Peer' },
          accepted: false,
          removed: false,
          hidden: false,
          createdAt: at.toISOString(),
          editedAt: null,
          lockedAt: null,
        },
      },
    });
    expect(toLiveEvent(row(), true)).toEqual(forMembers);
  });

  it('strips a hidden reply for members and marks it for staff', () => {
    const hidden = row({ kind: ThreadEventKind.EDIT, r_hidden_at: at });
    const forMembers = toLiveEvent(hidden, false);
    expect(JSON.stringify(forMembers)).not.toContain('secret');
    expect(JSON.stringify(forMembers)).not.toContain('Cohorts');
    expect(forMembers?.data).toMatchObject({
      replyId: 'reply-1',
      reply: { removed: true, author: null },
    });
    expect(toLiveEvent(hidden, true)?.data).toMatchObject({
      reply: { removed: false, hidden: true, body: 'A secret answer' },
    });
  });

  it('sends reactions to a removed reply to nobody who cannot see it', () => {
    const reaction = {
      kind: ThreadEventKind.REACTION,
      data: { reactions: [{ kind: 'HELPFUL', count: 2 }] },
    };
    expect(toLiveEvent(row({ ...reaction, r_hidden_at: at }), false)).toBeNull();
    expect(toLiveEvent(row({ ...reaction, r_hidden_at: at }), true)?.event).toBe('thread.reaction');
    expect(toLiveEvent(row({ ...reaction, r_deleted_at: at }), true)).toBeNull();
    expect(toLiveEvent(row({ ...reaction, reply_id: null }), false)?.data).toEqual({
      threadId: 'thread-1',
      eventId: 7,
      replyId: null,
      reactions: [{ kind: 'HELPFUL', count: 2 }],
    });
  });

  it('tells of a thread gone from view with a bare removal notice, and nothing else', () => {
    const threadEdit = row({ kind: ThreadEventKind.EDIT, reply_id: null, t_hidden_at: at });
    const notice = toLiveEvent(threadEdit, false);
    expect(notice?.data).toMatchObject({
      replyId: null,
      reply: null,
      thread: { id: 'thread-1', removed: true, title: null, body: null, tags: [] },
    });
    expect(toLiveEvent(row({ t_hidden_at: at }), false)).toBeNull();
    expect(toLiveEvent(row({ t_hidden_at: at }), true)?.event).toBe('thread.reply');
    expect(toLiveEvent(row({ t_deleted_at: at }), true)).toBeNull();
  });
});
