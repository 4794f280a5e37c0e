import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { GENERIC_ERROR_MESSAGE, toPublicError } from '../errors/public-error';
import { RedisClient, createRedisClient } from '../redis/redis.provider';
import { LIVE_NAMESPACE, LiveSocket } from './live-socket';

type AdapterClient = Parameters<typeof createAdapter>[0];

const LISTENERS_PER_GATEWAY_SET = 64;
const CLOSE_DRAIN_MS = 200;

/**
 * The Socket.IO server: the Redis adapter when REDIS_URL is set (rooms span nodes), and the one
 * handshake check for /live: a valid access token in `auth.token`, or the connection is refused.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly liveLogger = new Logger('Live');
  private readonly redisConnections: RedisClient[] = [];
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;

  constructor(private readonly app: INestApplicationContext) {
    super(app);
  }

  /** Connects the Redis pub/sub pair before the server is created (adapter creation is sync). */
  async connectRedis(): Promise<void> {
    const config = this.app.get<AppConfig>(APP_CONFIG);
    if (!config.redisUrl) return;
    const pub = createRedisClient(config.redisUrl);
    const sub = pub.duplicate();
    this.redisConnections.push(pub, sub);
    for (const client of [pub, sub]) {
      client.on('error', (error: Error) =>
        this.liveLogger.error({ err: error }, 'Redis adapter error'),
      );
    }
    await Promise.all([pub.connect(), sub.connect()]);
    this.redisAdapter = createAdapter(
      pub as unknown as AdapterClient,
      sub as unknown as AdapterClient,
    );
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...(options as ServerOptions),
      cors: { origin: true, credentials: true },
      // Sending large snapshots is fine; a client flooding megabytes is not.
      maxHttpBufferSize: 1_000_000,
    });
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    const auth = this.app.get(AuthService);
    // Every domain gateway adds its own connection and disconnect listeners to /live.
    const live = server.of(LIVE_NAMESPACE);
    live.setMaxListeners(LISTENERS_PER_GATEWAY_SET);
    live.use((socket, next) => {
      socket.setMaxListeners(LISTENERS_PER_GATEWAY_SET);
      next();
    });
    live.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0) {
        next(new Error('UNAUTHENTICATED: send your access token as auth.token in the handshake.'));
        return;
      }
      auth.verifyAccessToken(token).then(
        (member) => {
          (socket as LiveSocket).data.member = member;
          next();
        },
        (error: unknown) => {
          const publicError = toPublicError(error);
          if (!publicError) {
            // Not a verdict on the token (the database is down, say): log it, and do not tell
            // the client its token is bad, or it would throw away a good session.
            this.liveLogger.error(
              { err: error, socketId: socket.id },
              'Unexpected error in the /live handshake',
            );
            next(new Error(`INTERNAL_SERVER_ERROR: ${GENERIC_ERROR_MESSAGE}`));
            return;
          }
          next(new Error(`UNAUTHENTICATED: ${publicError.message}`));
        },
      );
    });
    return server;
  }

  /**
   * Plain listeners instead of Nest's per-socket rxjs chain for each handler: with some thirty
   * /live events, that chain cost ~110 KB per idle connection (test/bench/live-room.bench.ts).
   * Same behaviour: one ack (or `event` emit) per message, errors logged, never thrown.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    if (handlers.length === 0) return;
    // One catch-all listener per gateway and socket (not one per event): a socket's listener
    // table with ~30 named events was most of what an idle connection cost.
    socket.onAny((event: string, ...args: unknown[]) => {
      const handler = handlers.find((candidate) => candidate.message === event);
      if (handler) this.dispatch(socket, handler, args, transform);
    });
  }

  private dispatch(
    socket: Socket,
    { message, callback, isAckHandledManually }: MessageMappingProperties,
    args: unknown[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
    let result$: Observable<unknown>;
    try {
      result$ = transform(callback(data, ack));
    } catch (error) {
      this.liveLogger.error({ err: error, event: message }, 'A /live handler threw');
      return;
    }
    result$.subscribe({
      next: (response) => {
        if (response === null || response === undefined) return;
        const reply = response as { event?: string; data?: unknown };
        if (reply.event) {
          socket.emit(reply.event, reply.data);
        } else if (!isAckHandledManually && typeof ack === 'function') {
          (ack as (value: unknown) => void)(response);
        }
      },
      error: (error: unknown) =>
        this.liveLogger.error({ err: error, event: message }, 'A /live handler failed'),
    });
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // Disconnect handlers may still be finishing (presence, leave events): let them publish
    // through Redis before its connections go.
    await new Promise((resolve) => setTimeout(resolve, CLOSE_DRAIN_MS));
    await Promise.all(
      this.redisConnections.splice(0).map((client) => (client.isOpen ? client.quit() : undefined)),
    );
  }
}
