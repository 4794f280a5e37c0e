import { NotificationKind, isAlwaysOn } from './notification-kind';
import { TITLE_MAX_LENGTH, shorten, toPendingNotification } from './notification-payload';

const ME = '6f1c1a52-8d5e-4c55-9a3c-0b7c2b2a9e01';
const YOU = '0e5a3f4b-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('toPendingNotification', () => {
  it('tidies the title and link, and defaults the actor to none', () => {
    expect(
      toPendingNotification(ME, NotificationKind.MENTION, {
        title: '  You were\n mentioned  ',
        link: '  ',
      }),
    ).toEqual({
      recipientId: ME,
      kind: NotificationKind.MENTION,
      title: 'You were mentioned',
      link: null,
      actorId: null,
    });
  });

  it('shortens a long title to fit its column', () => {
    const pending = toPendingNotification(ME, NotificationKind.MENTION, {
      title: 'é'.repeat(TITLE_MAX_LENGTH + 50),
      actorId: YOU,
    });
    expect(Array.from(pending.title)).toHaveLength(TITLE_MAX_LENGTH);
    expect(pending.title.endsWith('…')).toBe(true);
    expect(pending.actorId).toBe(YOU);
  });

  it('refuses what only a programming error in the caller produces', () => {
    const ok = { title: 'Hi' };
    expect(() => toPendingNotification('42', NotificationKind.MENTION, ok)).toThrow(TypeError);
    expect(() => toPendingNotification(ME, 'NOPE' as NotificationKind, ok)).toThrow(/kind/);
    expect(() =>
      toPendingNotification(ME, NotificationKind.MENTION, { title: 'Hi', actorId: 'x' }),
    ).toThrow(/actor/);
    expect(() => toPendingNotification(ME, NotificationKind.MENTION, { title: ' ' })).toThrow(
      /empty/,
    );
    expect(() =>
      toPendingNotification(ME, NotificationKind.MENTION, { title: 'Hi', link: 'x'.repeat(2001) }),
    ).toThrow(/link/);
  });
});

describe('shorten', () => {
  it('leaves short text alone and never splits a surrogate pair', () => {
    expect(shorten('abc', 3)).toBe('abc');
    expect(shorten('ab😀😀', 3)).toBe('ab…');
    expect(shorten('a😀😀😀', 3)).toBe('a😀…');
  });
});

describe('isAlwaysOn', () => {
  it('holds for account security only', () => {
    const alwaysOn = Object.values(NotificationKind).filter(isAlwaysOn);
    expect(alwaysOn).toEqual([NotificationKind.ACCOUNT_SECURITY]);
  });
});
