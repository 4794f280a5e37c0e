import { Role } from '@app/core';
import { ModerationErrorCode } from './moderation.errors';
import { assertMayActAgainst, assertModerator, assertNotOnlyOwnReports } from './moderation-rules';

const member = { id: 'm', role: Role.MEMBER };
const mod = { id: 'mod', role: Role.MODERATOR };
const otherMod = { id: 'mod-2', role: Role.MODERATOR };
const admin = { id: 'admin', role: Role.ADMIN };
const otherAdmin = { id: 'admin-2', role: Role.ADMIN };

function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('moderation rules', () => {
  it('admits moderators and admins only', () => {
    expect(codeOf(() => assertModerator(member))).toBe(ModerationErrorCode.NOT_A_MODERATOR);
    expect(codeOf(() => assertModerator(mod))).toBeNull();
    expect(codeOf(() => assertModerator(admin))).toBeNull();
  });

  it.each([
    [mod, member, null],
    [mod, otherMod, ModerationErrorCode.PROTECTED_MEMBER],
    [mod, admin, ModerationErrorCode.PROTECTED_MEMBER],
    [mod, mod, null],
    [mod, null, null],
    [admin, otherMod, null],
    [admin, otherAdmin, null],
  ])('actor %o against %o: %s', (actor, subject, expected) => {
    expect(codeOf(() => assertMayActAgainst(actor, subject))).toBe(expected);
  });

  it.each([
    [mod, [], null],
    [mod, ['mod'], ModerationErrorCode.OWN_REPORTS_ONLY],
    [mod, ['mod', 'mod'], ModerationErrorCode.OWN_REPORTS_ONLY],
    [mod, ['mod', 'm'], null],
    [mod, ['m'], null],
    [admin, ['admin'], null],
  ])('%o acting on reports by %o: %s', (actor, reporters, expected) => {
    expect(codeOf(() => assertNotOnlyOwnReports(actor, reporters))).toBe(expected);
  });
});
