import { AccountEntity } from './account.entity';
import { MemberModel } from './member.model';

/** What any library holds of an account (a row, or part of one) when it shows a member. */
export type MemberSource = Pick<
  AccountEntity,
  'id' | 'handle' | 'displayName' | 'role' | 'createdAt' | 'suspendedUntil'
> & { email?: string };

/** An account as the public `Member` type: the entity itself never goes to clients. */
export function toMemberModel(account: MemberSource): MemberModel {
  const { id, handle, displayName, role, createdAt, suspendedUntil, email } = account;
  return { id, handle, displayName, role, createdAt, suspendedUntil, email };
}
