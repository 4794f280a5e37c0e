import { SetMetadata } from '@nestjs/common';

/**
 * What an operation needs. Every resolver method, controller route and /live event states it;
 * without it the default is `member` (signed in), so forgetting it never opens a door.
 * - `anyone`: no token needed (a valid one still identifies the reader).
 * - `member`, `moderator`, `admin`: signed in with at least that role.
 * `allowSuspended`: a write a suspended member may still make (logging out, say).
 */
export type AccessLevel = 'anyone' | 'member' | 'moderator' | 'admin';
export interface AccessRule {
  level: AccessLevel;
  allowSuspended?: boolean;
}

export const ACCESS_RULE = 'roundtable:access';

export const Access = (level: AccessLevel, options: { allowSuspended?: boolean } = {}) =>
  SetMetadata(ACCESS_RULE, { level, ...options } satisfies AccessRule);

export const DEFAULT_ACCESS_RULE: AccessRule = { level: 'member' };
