import { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../observability/metrics';
import { GraphQLContext } from '../auth/request-context';
import { checkQueryLimits } from './query-limits';
import { DomainError, PUBLIC_ERROR_CODES } from '../errors/domain-error';

const PUBLIC = new Set<string>(PUBLIC_ERROR_CODES);

/** Depth/complexity limits, per-operation metrics, and logging of unexpected errors. */
export function roundtablePlugin(
  config: AppConfig,
  metrics: Metrics,
): ApolloServerPlugin<GraphQLContext> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart(start: GraphQLRequestContext<GraphQLContext>) {
      const began = process.hrtime.bigint();
      const req = start.contextValue.req;
      return {
        async didResolveOperation(ctx) {
          if (!ctx.operation) return;
          if (req)
            (req as unknown as { operationName?: string }).operationName =
              ctx.operationName ?? undefined;
          checkQueryLimits({
            schema: ctx.schema,
            document: ctx.document,
            operation: ctx.operation,
            variables: ctx.request.variables ?? {},
            maxDepth: config.graphqlMaxDepth,
            maxComplexity: config.graphqlMaxComplexity,
          });
        },
        async didEncounterErrors(ctx) {
          for (const error of ctx.errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && (PUBLIC.has(code) || code.startsWith('GRAPHQL_')))
              continue;
            if (code === 'BAD_REQUEST' || code === 'PERSISTED_QUERY_NOT_FOUND') continue;
            if (error.originalError instanceof DomainError) continue; // a refusal, not a failure
            logger.error(
              {
                err: error.originalError ?? error,
                requestId: req?.id,
                operation: ctx.operationName,
              },
              'Unexpected error while serving a GraphQL operation',
            );
          }
        },
        async willSendResponse(ctx) {
          const operation = metrics.operationLabel(ctx.operationName);
          const failed =
            ctx.response.body.kind === 'single' && !!ctx.response.body.singleResult.errors?.length;
          metrics.graphqlRequests.inc({ operation, outcome: failed ? 'error' : 'ok' });
          metrics.graphqlDuration.observe(
            { operation },
            Number(process.hrtime.bigint() - began) / 1e9,
          );
        },
      };
    },
  };
}
