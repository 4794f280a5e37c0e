import { GraphQLError } from 'graphql';
import { toPublicError } from '@app/core';

/**
 * Core's exception filter does not run for field resolvers (Nest applies filters there only with
 * `fieldResolverEnhancers`), so a refusal thrown in one would reach clients as an internal error.
 * Field resolvers that can refuse input (a bad cursor) map it the way the filter does.
 */
export async function withPublicErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const known = toPublicError(error);
    if (!known || known.code === 'INTERNAL_SERVER_ERROR') throw error;
    throw new GraphQLError(known.message, {
      extensions: {
        code: known.code,
        ...(known.reason ? { reason: known.reason } : {}),
        ...(known.fields ? { fields: known.fields } : {}),
      },
    });
  }
}
