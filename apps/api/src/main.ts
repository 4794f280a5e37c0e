import { INestApplication } from '@nestjs/common';
import pino from 'pino';
import {
  AppConfig,
  ConfigError,
  EmbeddedDatabase,
  loadConfig,
  startEmbeddedPostgres,
} from '@app/core';
import { createApp } from './bootstrap';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * Bootstrap only. Without DATABASE_URL it starts the embedded PostgreSQL first and stops it last,
 * after the API has drained: SIGTERM → stop accepting, finish requests, close sockets, close the
 * pool, stop PostgreSQL, exit.
 */
async function main(): Promise<void> {
  let config = configOrExit();
  // Structured from the first line; Nest's own logger takes over once the app exists.
  const logger = pino({ level: config.logLevel, base: { context: 'Main' } });
  let embedded: EmbeddedDatabase | null = null;
  let app: INestApplication | null = null;
  let stopRequested: string | null = null;

  const shutdown = async (signal: string): Promise<void> => {
    logger.info(`${signal} received: shutting down`);
    let code = 0;
    try {
      await app?.close();
    } catch (error) {
      code = 1;
      logger.error({ err: error }, 'Shutdown failed');
    } finally {
      await embedded?.stop();
      process.exit(code);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // During start-up, stop once the pieces started so far can be stopped in order.
      if (stopRequested) return;
      stopRequested = signal;
      if (app) void shutdown(signal);
    });
  }

  try {
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(config.dataDir, (line) =>
        logger.debug({ postgres: line }),
      );
      config = { ...config, databaseUrl: embedded.url, databaseEmbedded: true };
      logger.info(`Embedded PostgreSQL started with its data in ${config.dataDir}`);
    }
    if (config.jwtSecretGenerated) {
      logger.warn(
        'JWT_SECRET is not set: a random one was made; sessions end when the server restarts.',
      );
    }
    app = await createApp(config);
    await app.listen(config.port);
    logger.info(`Roundtable is listening on http://localhost:${config.port}/graphql`);
  } catch (error) {
    logger.error({ err: error }, 'Start-up failed');
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(1);
  }
  if (stopRequested) await shutdown(stopRequested);
}

void main();
