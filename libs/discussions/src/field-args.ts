import { GraphQLError } from 'graphql';
import { CoreError, toPublicError } from '@app/core';

/**
 * Field resolvers (Thread.replies, Reply.children...) run without the app's exception filter,
 * so a domain error thrown there would reach clients as INTERNAL_SERVER_ERROR, and so would the
 * validation pipe's. Their arguments are therefore checked here, and errors mapped the way the
 * filter maps them.
 */
export async function withPublicErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const failure = toPublicError(error);
    if (!failure) throw error;
    throw new GraphQLError(failure.message, {
      extensions: {
        code: failure.code,
        ...(failure.reason ? { reason: failure.reason } : {}),
        ...(failure.fields ? { fields: failure.fields } : {}),
        ...(failure.retryAfterSeconds !== undefined
          ? { retryAfter: failure.retryAfterSeconds }
          : {}),
      },
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wholeNumberIn(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw CoreError.invalid({ [name]: [`must be a whole number from ${min} to ${max}`] });
  }
}

/** `first` 1–100 (default 20) and an `after` cursor, as core's PageArgs checks them. */
export function checkPage(first: number | null | undefined, after: string | null | undefined) {
  const size = first ?? 20;
  wholeNumberIn('first', size, 1, 100);
  if (after != null && after.length > 500) {
    throw CoreError.invalid({ after: ['must be at most 500 characters'] });
  }
  return { first: size, after: after ?? null };
}

export const TREE_DEFAULT_LIMIT = 2000;
export const TREE_MAX_LIMIT = 5000;

export function checkTreeArgs(limit: number | null | undefined, after: string | null | undefined) {
  const size = limit ?? TREE_DEFAULT_LIMIT;
  wholeNumberIn('limit', size, 1, TREE_MAX_LIMIT);
  if (after != null && !UUID.test(after)) {
    throw CoreError.invalid({ after: ['must be the id of a reply of this thread'] });
  }
  return { limit: size, after: after ?? null };
}
