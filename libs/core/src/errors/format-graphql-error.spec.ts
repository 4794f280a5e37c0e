import { GraphQLError } from 'graphql';
import { CoreError, CoreErrorCode } from './domain-error';
import { formatGraphQLError } from './format-graphql-error';

describe('formatGraphQLError', () => {
  it('maps a domain error thrown in a field resolver (no Nest filter ran) to its public code', () => {
    const original = CoreError.invalid({ after: ['is not a cursor from this list'] });
    const error = new GraphQLError(original.message, { originalError: original, path: ['a', 'b'] });
    const formatted = formatGraphQLError(
      {
        message: original.message,
        path: ['a', 'b'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      error,
    );
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: CoreErrorCode.VALIDATION_FAILED,
      fields: { after: ['is not a cursor from this list'] },
    });
    expect(formatted.path).toEqual(['a', 'b']);
  });

  it('hides unexpected errors behind a generic message without a stack', () => {
    const formatted = formatGraphQLError(
      {
        message: 'relation "x" does not exist',
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new GraphQLError('relation "x" does not exist', { originalError: new Error('boom') }),
    );
    expect(formatted.message).not.toContain('relation');
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('reads Apollo parse and validation failures as BAD_USER_INPUT', () => {
    const formatted = formatGraphQLError({
      message: 'Syntax Error',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_PARSE_FAILED',
    });
  });
});
