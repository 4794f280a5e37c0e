import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { RoundtableRequest } from '../auth/request-context';
import { GENERIC_ERROR_MESSAGE, STATUS_FOR_CODE, toPublicError } from './public-error';

/**
 * Every error thrown by a resolver or controller passes here: domain errors become their public
 * code, anything unexpected is logged with the request id and answered generically.
 * (/live events have their own envelope, see live-envelope.interceptor.ts.)
 */
@Catch()
export class AppExceptionFilter implements GqlExceptionFilter, ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const type = host.getType<'http' | 'graphql' | 'ws'>();
    const publicError = toPublicError(exception);
    if (type === 'graphql') {
      if (!publicError) {
        if (exception instanceof GraphQLError) return exception;
        return exception;
      }
      const { code, message, reason, fields, retryAfterSeconds } = publicError;
      return new GraphQLError(message, {
        extensions: {
          code,
          ...(reason ? { reason } : {}),
          ...(fields ? { fields } : {}),
          ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
        },
      });
    }
    if (type === 'http') {
      const ctx = host.switchToHttp();
      const res = ctx.getResponse<Response>();
      const req = ctx.getRequest<RoundtableRequest>();
      if (!publicError) {
        this.logger.error({ err: exception, requestId: req.id }, 'Unexpected error');
        res
          .status(500)
          .json({ error: { code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE } });
        return;
      }
      if (publicError.retryAfterSeconds)
        res.setHeader('Retry-After', String(publicError.retryAfterSeconds));
      res.status(STATUS_FOR_CODE[publicError.code]).json({ error: publicError });
      return;
    }
    throw exception;
  }
}
