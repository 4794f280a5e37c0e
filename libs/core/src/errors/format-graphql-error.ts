import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError, PUBLIC_ERROR_CODES } from './domain-error';
import { GENERIC_ERROR_MESSAGE, toPublicError } from './public-error';

const PUBLIC = new Set<string>(PUBLIC_ERROR_CODES);
/** Apollo's own request errors are the client's to fix: they read as BAD_USER_INPUT. */
const CLIENT_MISTAKES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** The last word on what a GraphQL error looks like on the wire: no stack, a public code. */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error?: unknown,
): GraphQLFormattedError {
  // Field resolvers run without Nest's exception filters: map their domain errors here.
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    const publicError = toPublicError(original);
    if (publicError) {
      const { code, message, reason, fields, retryAfterSeconds } = publicError;
      return {
        message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code,
          ...(reason ? { reason } : {}),
          ...(fields ? { fields } : {}),
          ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
        },
      };
    }
  }
  const {
    stacktrace: _stack,
    exception: _exception,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  if (code && PUBLIC.has(code)) {
    return { ...formatted, extensions };
  }
  if (code && CLIENT_MISTAKES.has(code)) {
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', reason: code } };
  }
  return {
    message: GENERIC_ERROR_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
