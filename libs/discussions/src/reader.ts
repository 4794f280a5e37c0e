import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { DESCENDANT_BOUND } from './reply-path';

/**
 * Who reads, and the SQL that says what they may see. Every query of this library builds its
 * visibility from these fragments, so the rules live in one place:
 * - a space is readable by anyone if PUBLIC, by signed-in members if MEMBERS;
 * - deleted threads and replies are gone for everyone;
 * - hidden ones are left out for members and shown to moderators and admins;
 * - a removed reply with a shown reply beneath it stays as a placeholder.
 * The fragments inline no user input: only aliases and fixed SQL.
 */
export type Reader = Pick<AuthenticatedMember, 'id' | 'role'> | null;

/** Who acts: the signed-in member, or a demo author. */
export type Actor = Pick<AuthenticatedMember, 'id' | 'handle' | 'role'>;

export function isStaff(reader: Pick<AuthenticatedMember, 'role'> | null): boolean {
  return !!reader && hasRole(reader, Role.MODERATOR);
}

/** Thread `t` in space `s` is readable. */
export function threadReadableSql(t: string, s: string, reader: Reader): string {
  const parts = [`${t}.deleted_at IS NULL`];
  if (!isStaff(reader)) parts.push(`${t}.hidden_at IS NULL`);
  if (!reader) parts.push(`${s}.visibility = 'PUBLIC'`);
  return parts.join(' AND ');
}

/** Reply `r` shows in full (not a placeholder). */
export function replyVisibleSql(r: string, reader: Reader): string {
  return isStaff(reader)
    ? `${r}.deleted_at IS NULL`
    : `${r}.deleted_at IS NULL AND ${r}.hidden_at IS NULL`;
}

/** Reply `r` shows at all: in full, or as a placeholder over a visible descendant. */
export function replyShownSql(r: string, reader: Reader): string {
  return `(${replyVisibleSql(r, reader)} OR EXISTS (
    SELECT 1 FROM discussion_reply d
     WHERE d.thread_id = ${r}.thread_id AND d.path > ${r}.path
       AND d.path < ${r}.path || '${DESCENDANT_BOUND}' AND ${replyVisibleSql('d', reader)}))`;
}

/** How many children of `r` show. */
export function childCountSql(r: string, reader: Reader): string {
  return `(SELECT count(*)::int FROM discussion_reply c
            WHERE c.parent_reply_id = ${r}.id AND ${replyShownSql('c', reader)})`;
}
