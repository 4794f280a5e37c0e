import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { JwtModule } from '@nestjs/jwt';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { MixedList } from 'typeorm';
import { AccountEntity } from './accounts/account.entity';
import { AccountsDemo } from './accounts/accounts-demo';
import { AccountsResolver } from './accounts/accounts.resolver';
import { AccountsService } from './accounts/accounts.service';
import { AuditLogEntity } from './audit/audit-log.entity';
import { AuthRecordsRetention } from './auth/auth-records-retention';
import { AuditLog } from './audit/audit-log.service';
import { AccessGuard } from './auth/access.guard';
import { AuthSessionEntity } from './auth/auth-session.entity';
import { PasswordResetEntity } from './auth/password-reset.entity';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { DatabaseStartup } from './database/database-startup';
import { StartupState } from './database/startup-state';
import { AppExceptionFilter } from './errors/app-exception.filter';
import { ServerEvents } from './events/server-events';
import { createValidationPipe } from './errors/validation';
import { graphqlOptions } from './graphql/graphql-options';
import { LiveEnvelopeInterceptor } from './live/live-envelope.interceptor';
import { LiveGateway } from './live/live.gateway';
import { LiveConnections } from './live/live-connections';
import { HealthController } from './observability/health.controller';
import { loggingParams } from './observability/logging';
import { Metrics } from './observability/metrics';
import { RateLimiter } from './rate-limit/rate-limiter';
import { REDIS_CLIENT, RedisShutdown, redisClientProvider } from './redis/redis.provider';

export interface CoreModuleOptions {
  config: AppConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
}

/** Config, database, auth, errors, GraphQL, logging, metrics and /live: beneath every domain. */
@Global()
@Module({})
export class CoreModule {
  static forRoot({ config, migrations }: CoreModuleOptions): DynamicModule {
    if (!config.databaseUrl) {
      throw new Error('CoreModule needs a database URL (main.ts starts the embedded one first).');
    }
    const databaseUrl = config.databaseUrl;
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(databaseUrl, { migrations }),
          autoLoadEntities: true,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        TypeOrmModule.forFeature([AccountEntity, AuthSessionEntity, PasswordResetEntity]),
        TypeOrmModule.forFeature([AuditLogEntity]),
        JwtModule.register({ secret: config.jwtSecret }),
        TerminusModule.forRoot({ logger: false }),
        // Jobs of every library (@Cron) run on every node that has RUN_JOBS (each job is written
        // to be safe so); without it their decorators stay inert.
        ...(config.runJobs ? [ScheduleModule.forRoot()] : []),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => graphqlOptions(config, metrics),
        }),
      ],
      controllers: [HealthController],
      providers: [
        redisClientProvider,
        RedisShutdown,
        StartupState,
        ServerEvents,
        DatabaseStartup,
        Metrics,
        RateLimiter,
        AccountsService,
        AuthService,
        AccountsDemo,
        AccountsResolver,
        AuthResolver,
        LiveGateway,
        LiveConnections,
        AuditLog,
        AuthRecordsRetention,
        LiveEnvelopeInterceptor,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [
        ConfigModule,
        ServerEvents,
        REDIS_CLIENT,
        StartupState,
        Metrics,
        RateLimiter,
        AccountsService,
        AuthService,
        LiveEnvelopeInterceptor,
        AuditLog,
        LiveConnections,
      ],
    };
  }
}
