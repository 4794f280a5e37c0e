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

/** An account joined into another library's statement: the columns to select, and the reader. */
export interface MemberColumns {
  /** `alias.id AS <prefix>id, ...`: the columns a `Member` is built from. */
  sql: string;
  /** The member in a result row, or null where the join found no account. */
  read(row: object): MemberModel | null;
}

/**
 * For a library that joins `account` (as `alias`) into a statement of its own rather than loading
 * members in a second one: the account table's columns stay named here, beside the mapper.
 */
export function memberColumns(alias: string, prefix: string): MemberColumns {
  const names = {
    id: 'id',
    handle: 'handle',
    displayName: 'display_name',
    role: 'role',
    createdAt: 'created_at',
    suspendedUntil: 'suspended_until',
    email: 'email',
  } as const;
  const key = Object.fromEntries(
    Object.entries(names).map(([field, column]) => [field, `${prefix}${column}`]),
  ) as Record<keyof typeof names, string>;
  const sql = Object.values(names)
    .map((column) => `${alias}.${column} AS ${prefix}${column}`)
    .join(', ');
  return {
    sql,
    read(row) {
      const value = row as Record<string, unknown>;
      const id = value[key.id];
      if (typeof id !== 'string') return null;
      return toMemberModel({
        id,
        handle: value[key.handle] as string,
        displayName: value[key.displayName] as string,
        role: value[key.role] as MemberModel['role'],
        createdAt: value[key.createdAt] as Date,
        suspendedUntil: value[key.suspendedUntil] as Date | null,
        email: value[key.email] as string,
      });
    },
  };
}
