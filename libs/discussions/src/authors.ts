import { AccountEntity, MemberModel } from '@app/core';

/** An account as the `Member` type (core and members resolve the rest of its fields). */
export function toMember(account: AccountEntity): MemberModel {
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

/** Loaded accounts (errors and misses dropped), as members. */
export function toMembers(accounts: Array<AccountEntity | null | Error>): MemberModel[] {
  return accounts
    .filter((account): account is AccountEntity => !!account && !(account instanceof Error))
    .map(toMember);
}
