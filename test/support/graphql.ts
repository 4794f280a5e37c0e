import type { GraphQLResult, TestApp, TestMember } from './test-app';

/** Shared by every domain's e2e support: reading answers, unique names, members with a role. */

/** The first error's stable `code` (e.g. FORBIDDEN), or undefined when there is none. */
export function codeOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}

/** The first error's finer `reason`, where the domain gives one. */
export function reasonOf(result: GraphQLResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.reason;
}

/** The data of an answer that must have no error; throws with the errors otherwise. */
export function must<T>(result: GraphQLResult<T>): T {
  if (!result.data || result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

let counter = 0;
/** A slug no other test of any suite (or process) uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
}

/** A signed-up member with a role set directly in the database. */
export async function withRole(
  t: TestApp,
  role: 'MODERATOR' | 'ADMIN',
  name = `${role.toLowerCase()} person`,
): Promise<TestMember> {
  const member = await t.signUp({ displayName: name });
  await t.sql(`UPDATE account SET role = $1 WHERE id = $2`, [role, member.id]);
  return member;
}

/** A signed-up member suspended for a week. */
export async function suspended(t: TestApp, name = 'Suspended Member'): Promise<TestMember> {
  const member = await t.signUp({ displayName: name });
  await t.sql(`UPDATE account SET suspended_until = now() + interval '7 days' WHERE id = $1`, [
    member.id,
  ]);
  return member;
}
