import {
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  UsePipes,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, catchError, from, map, mergeMap, of } from 'rxjs';
import { isSuspended } from '../auth/authenticated-member';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { GENERIC_ERROR_MESSAGE, PublicError, toPublicError } from '../errors/public-error';
import { createValidationPipe } from '../errors/validation';
import { LiveSocket } from './live-socket';

export type LiveAck<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: Omit<PublicError, 'retryAfterSeconds'> & { retryAfter?: number } };

const LIVE_WRITE = 'roundtable:live-write';

/** Marks an event that changes something: suspended members are refused it. */
export const LiveWrite = () => SetMetadata(LIVE_WRITE, true);

/**
 * The /live envelope: every client event is acknowledged `{ok: true, ...result}` or
 * `{ok: false, error: {code, message, fields?}}`; a thrown error never reaches the socket raw.
 */
@Injectable()
export class LiveEnvelopeInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Live');

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<LiveAck> {
    const socket = context.switchToWs().getClient<LiveSocket>();
    const event = context.switchToWs().getPattern();
    return of(null).pipe(
      mergeMap(() => {
        const member = socket.data.member;
        if (!member || member.tokenExpiresAt.getTime() <= Date.now()) {
          throw new CoreError(
            CoreErrorCode.INVALID_TOKEN,
            'Your session expired; reconnect with a fresh access token.',
          );
        }
        if (this.reflector.get<boolean>(LIVE_WRITE, context.getHandler()) && isSuspended(member)) {
          throw new CoreError(
            CoreErrorCode.SUSPENDED,
            'Your account is suspended: you can watch but not take part.',
          );
        }
        return next.handle();
      }),
      mergeMap((result: unknown) => from(Promise.resolve(result))),
      map((result): LiveAck => ({ ok: true, ...((result ?? {}) as object) })),
      catchError((error: unknown) => {
        const publicError = toPublicError(error);
        if (!publicError) {
          this.logger.error(
            { err: error, event, socketId: socket.id },
            'Unexpected error in a /live event',
          );
        }
        const { retryAfterSeconds, ...rest } = publicError ?? {
          code: 'INTERNAL_SERVER_ERROR' as const,
          message: GENERIC_ERROR_MESSAGE,
        };
        return of<LiveAck>({
          ok: false,
          error: {
            ...rest,
            ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}),
          },
        });
      }),
    );
  }
}

/** Put on every /live gateway class: the envelope and payload validation. */
export const LiveEvents = () =>
  applyDecorators(UseInterceptors(LiveEnvelopeInterceptor), UsePipes(createValidationPipe()));
