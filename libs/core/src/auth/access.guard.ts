import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Role } from '../accounts/account.entity';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { ACCESS_RULE, AccessRule, DEFAULT_ACCESS_RULE } from './access.decorator';
import { AuthService } from './auth.service';
import { AuthenticatedMember, hasRole, isSuspended } from './authenticated-member';
import { httpRequestOf, RoundtableRequest } from './request-context';
import { bearerToken } from './tokens';

const NEEDED_ROLE = { member: Role.MEMBER, moderator: Role.MODERATOR, admin: Role.ADMIN } as const;

/**
 * The one gate for GraphQL operations and HTTP routes: who is asking, may they, and, for
 * writes, are they suspended. /live events are gated by the handshake and the envelope.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = httpRequestOf(context);
    if (!req) return true;
    const rule =
      this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? DEFAULT_ACCESS_RULE;

    const viewer = await this.viewerOf(req, rule.level === 'anyone');
    req.member = viewer;
    if (rule.level === 'anyone') return true;
    if (!viewer) {
      throw new CoreError(
        CoreErrorCode.NOT_SIGNED_IN,
        'Sign in first: send "Authorization: Bearer <accessToken>" from login or register.',
      );
    }
    if (!hasRole(viewer, NEEDED_ROLE[rule.level])) {
      throw new CoreError(
        CoreErrorCode.ROLE_REQUIRED,
        `Only ${rule.level === 'admin' ? 'admins' : 'moderators and admins'} may do this.`,
      );
    }
    if (!rule.allowSuspended && this.isWrite(context, req) && isSuspended(viewer)) {
      throw new CoreError(
        CoreErrorCode.SUSPENDED,
        `Your account is suspended until ${viewer.suspendedUntil?.toISOString()}: you can read, but not post or change anything.`,
      );
    }
    return true;
  }

  /** Verifies the bearer token once per request; on open operations a bad token reads as anonymous. */
  private viewerOf(req: RoundtableRequest, lenient: boolean): Promise<AuthenticatedMember | null> {
    req.viewer ??= (async () => {
      const token = bearerToken(req.headers.authorization);
      return token ? this.auth.verifyAccessToken(token) : null;
    })();
    return lenient ? req.viewer.catch(() => null) : req.viewer;
  }

  private isWrite(context: ExecutionContext, req: RoundtableRequest): boolean {
    if (context.getType<string>() === 'graphql') {
      return GqlExecutionContext.create(context).getInfo().operation.operation === 'mutation';
    }
    return !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  }
}
