import { AccountEntity, MemberModel, toMemberModel } from '@app/core';

/** Loaded accounts (errors and misses dropped), as members. */
export function toMembers(accounts: Array<AccountEntity | null | Error>): MemberModel[] {
  return accounts
    .filter((account): account is AccountEntity => !!account && !(account instanceof Error))
    .map(toMemberModel);
}
