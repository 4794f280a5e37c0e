import { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { AuthenticatedMember } from './authenticated-member';

/** The HTTP request as the server sees it after the access guard ran. */
export interface RoundtableRequest extends Request {
  /** Settled once per request: the viewer, or null when anonymous. */
  viewer?: Promise<AuthenticatedMember | null>;
  /** The signed-in member once the access guard has run; null when anonymous. */
  member?: AuthenticatedMember | null;
}

export interface GraphQLContext {
  req: RoundtableRequest;
}

export function httpRequestOf(context: ExecutionContext): RoundtableRequest | null {
  const type = context.getType<'http' | 'graphql' | 'ws' | 'rpc'>();
  if (type === 'graphql')
    return GqlExecutionContext.create(context).getContext<GraphQLContext>().req;
  if (type === 'http') return context.switchToHttp().getRequest<RoundtableRequest>();
  return null;
}
