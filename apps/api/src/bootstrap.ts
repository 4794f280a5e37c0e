import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig, LiveIoAdapter } from '@app/core';
import { AppModule } from './app.module';

/** Builds the application exactly as production runs it; tests call this too. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    // Throw instead of exiting, so main.ts can still stop the embedded PostgreSQL.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Proxies on private networks (the compose proxy) may set X-Forwarded-For.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  app.enableCors({ origin: true, credentials: true });
  const live = new LiveIoAdapter(app);
  await live.connectRedis();
  app.useWebSocketAdapter(live);
  return app;
}
