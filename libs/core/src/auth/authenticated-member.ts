import { Role } from '../accounts/account.entity';

/** Who is acting, as established from a verified access token. */
export interface AuthenticatedMember {
  id: string;
  handle: string;
  role: Role;
  suspendedUntil: Date | null;
  sessionId: string;
  tokenExpiresAt: Date;
}

export function isSuspended(member: Pick<AuthenticatedMember, 'suspendedUntil'>, now = new Date()) {
  return member.suspendedUntil !== null && member.suspendedUntil.getTime() > now.getTime();
}

const RANK: Record<Role, number> = { MEMBER: 0, MODERATOR: 1, ADMIN: 2 };

export function hasRole(member: Pick<AuthenticatedMember, 'role'>, needed: Role): boolean {
  return RANK[member.role] >= RANK[needed];
}
