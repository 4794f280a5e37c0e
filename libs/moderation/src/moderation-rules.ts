import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { ModerationError, ModerationErrorCode } from './moderation.errors';

type Actor = Pick<AuthenticatedMember, 'id' | 'role'>;

/**
 * Who may act on whom. The resolvers' guard already admits moderators only; these rules are the
 * service's own word on it (rights live in the service), and the finer ones the guard cannot see.
 */
export function assertModerator(actor: Actor): void {
  if (!hasRole(actor, Role.MODERATOR)) {
    throw new ModerationError(
      ModerationErrorCode.NOT_A_MODERATOR,
      'Only moderators and admins may do this; use `report` to flag something to them.',
    );
  }
}

/** Moderators cannot act against admins or other moderators; admins can act against anyone. */
export function assertMayActAgainst(actor: Actor, subject: { id: string; role: Role } | null) {
  if (!subject || subject.id === actor.id || actor.role === Role.ADMIN) return;
  if (hasRole(subject, Role.MODERATOR)) {
    throw new ModerationError(
      ModerationErrorCode.PROTECTED_MEMBER,
      `Moderators cannot act against ${subject.role === Role.ADMIN ? 'an admin' : 'another moderator'}: ask an admin to.`,
    );
  }
}

/**
 * Moderators cannot act alone on reports they filed: when every open report on the target is
 * the acting moderator's own, someone else must decide. Admins are exempt (nobody is above them).
 */
export function assertNotOnlyOwnReports(actor: Actor, openReporters: readonly string[]): void {
  if (actor.role === Role.ADMIN || openReporters.length === 0) return;
  if (openReporters.every((reporterId) => reporterId === actor.id)) {
    throw new ModerationError(
      ModerationErrorCode.OWN_REPORTS_ONLY,
      'You filed the only open report on this: another moderator (or an admin) must act on it, so that no one acts alone on their own report.',
    );
  }
}
