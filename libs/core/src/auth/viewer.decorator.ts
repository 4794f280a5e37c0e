import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { AuthenticatedMember } from './authenticated-member';
import { httpRequestOf } from './request-context';

/** The signed-in member (the access guard has already refused anonymous callers). */
export const Viewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedMember => {
    const viewer = httpRequestOf(context)?.member;
    if (!viewer) throw new CoreError(CoreErrorCode.NOT_SIGNED_IN, 'Sign in first.');
    return viewer;
  },
);

/** The reader if signed in, otherwise null (for operations open to anyone). */
export const OptionalViewer = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedMember | null =>
    httpRequestOf(context)?.member ?? null,
);
