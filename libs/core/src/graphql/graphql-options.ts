import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { AppConfig } from '../config/app-config';
import { formatGraphQLError } from '../errors/format-graphql-error';
import { Metrics } from '../observability/metrics';
import { roundtablePlugin } from './graphql-plugins';
import { CompiledExecution } from './compiled-execution';

export function graphqlOptions(
  config: AppConfig,
  metrics: Metrics,
): Omit<ApolloDriverConfig, 'driver'> {
  const execution = new CompiledExecution();
  const options: Omit<ApolloDriverConfig, 'driver'> = {
    // Nest hands the schema it built to transformSchema, then spreads these options into
    // `new ApolloServer(...)`; `gateway` is left out of ApolloDriverConfig's type (it is meant
    // for federation) but is Apollo's documented way to bring an executor (CompiledExecution).
    transformSchema: execution.useSchema,
    path: '/graphql',
    autoSchemaFile: config.graphqlSchemaFile ?? true,
    sortSchema: true,
    introspection: true,
    playground: false,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: formatGraphQLError,
    // Same plugin types, seen through Apollo's CJS and ESM typings. Cache control is off: no
    // HTTP caching hints are used, and without it Apollo stops wrapping every field.
    plugins: [
      roundtablePlugin(config, metrics),
      ApolloServerPluginCacheControlDisabled(),
    ] as unknown as ApolloDriverConfig['plugins'],
  };
  return Object.assign(options, { gateway: execution });
}
