import { Inject, Injectable, Logger, OnApplicationShutdown, Provider } from '@nestjs/common';
import { createClient } from 'redis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The client type `createClient({ url })` returns (RESP3 defaults). */
export type RedisClient = ReturnType<typeof createRedisClient>;

export function createRedisClient(url: string) {
  return createClient({ url });
}
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** One shared command connection when REDIS_URL is set; `null` means single-node, in memory. */
export const redisClientProvider: Provider = {
  provide: REDIS_CLIENT,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<RedisClient | null> => {
    if (!config.redisUrl) return null;
    const logger = new Logger('Redis');
    const client = createRedisClient(config.redisUrl);
    client.on('error', (error: Error) => logger.error({ err: error }, 'Redis connection error'));
    await client.connect();
    return client;
  },
};

@Injectable()
export class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.quit();
  }
}
