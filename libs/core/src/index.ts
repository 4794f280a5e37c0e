// What other libraries and the app may use from core; nothing else is imported from outside.
export * from './config/app-config';
export { APP_CONFIG } from './config/config.module';
export { CoreModule, CoreModuleOptions } from './core.module';
export { startEmbeddedPostgres, EmbeddedDatabase } from './database/embedded-postgres';
export { dataSourceOptions } from './database/data-source-options';
export { deleteInBatches } from './database/batched-delete';
export { runJob } from './jobs/run-job';
export { AuthRecordsRetention } from './auth/auth-records-retention';
export { runMigrationsLocked } from './database/migrator';
export { StartupState, DemoSeeder } from './database/startup-state';
// The entity is exported for foreign keys (ManyToOne targets) only; read accounts via AccountsService.
export { Role, AccountEntity } from './accounts/account.entity';
export { AccountsService } from './accounts/accounts.service';
export { MemberModel } from './accounts/member.model';
export {
  toMemberModel,
  memberColumns,
  MemberColumns,
  MemberSource,
} from './accounts/member.mapper';
export { AuthService } from './auth/auth.service';
export { AuditLog, AuditEntry, AuditRecord, AuditFilter } from './audit/audit-log.service';
export { LiveConnections } from './live/live-connections';
export { Access, AccessLevel } from './auth/access.decorator';
export { AuthenticatedMember, hasRole, isSuspended } from './auth/authenticated-member';
export { Viewer, OptionalViewer } from './auth/viewer.decorator';
export { GraphQLContext, RoundtableRequest } from './auth/request-context';
export * from './errors/domain-error';
export { toPublicError, PublicError } from './errors/public-error';
export { createValidationPipe, flattenValidationErrors } from './errors/validation';
export { RateLimiter } from './rate-limit/rate-limiter';
export { REDIS_CLIENT, RedisClient } from './redis/redis.provider';
export { Metrics } from './observability/metrics';
export { LiveIoAdapter } from './live/live-io.adapter';
export { LiveEvents, LiveWrite, LiveAck } from './live/live-envelope.interceptor';
export { LIVE_NAMESPACE, LiveSocket, memberRoom } from './live/live-socket';
export { DEMO_PASSWORD, DEMO_STAFF } from './accounts/accounts-demo';
export {
  Connection,
  ConnectionType,
  Edge,
  PageArgs,
  PageInfo,
  decodeCursor,
  encodeCursor,
  toConnection,
} from './pagination/connection';
export { requestLoader, byKeys } from './loaders/request-loaders';
export { renderMarkdown } from './text/markdown';
export { ServerEvents, ServerEventMap } from './events/server-events';
