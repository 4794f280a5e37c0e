import { AccountEntity } from './account.entity';
import { MemberModel } from './member.model';

export function toMemberModel(account: AccountEntity): MemberModel {
  return {
    id: account.id,
    handle: account.handle,
    displayName: account.displayName,
    role: account.role,
    createdAt: account.createdAt,
    suspendedUntil: account.suspendedUntil,
    email: account.email,
  };
}
