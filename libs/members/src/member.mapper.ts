import { MemberModel } from '@app/core';

interface AccountLike {
  id: string;
  handle: string;
  displayName: string;
  role: MemberModel['role'];
  createdAt: Date;
  suspendedUntil: Date | null;
  email: string;
}

export function toMember(account: AccountLike): MemberModel {
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
