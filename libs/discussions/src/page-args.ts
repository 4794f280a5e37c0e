import { Int } from '@nestjs/graphql';

/** `first`/`after` of connection fields, declared like core's PageArgs (checked in field-args.ts). */
export const FIRST = {
  type: () => Int,
  nullable: true,
  defaultValue: 20,
  description: '1 to 100.',
} as const;
export const AFTER = { type: () => String, nullable: true } as const;
