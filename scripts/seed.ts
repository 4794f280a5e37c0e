// `npm run seed`: loads the demo community into DATABASE_URL's database (or the embedded one).
// Seeders skip what already exists, so running it twice is harmless.
import { NestFactory } from '@nestjs/core';
import { loadConfig, startEmbeddedPostgres, StartupState, EmbeddedDatabase } from '@app/core';
import { AppModule } from '../apps/api/src/app.module';

async function seed(): Promise<void> {
  let config = { ...loadConfig(), demoData: false, graphqlSchemaFile: null, logLevel: 'warn' };
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir);
    config = { ...config, databaseUrl: embedded.url, databaseEmbedded: true };
  }
  try {
    const app = await NestFactory.createApplicationContext(AppModule.register(config), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    await app.get(StartupState).runDemoSeeders();
    await app.close();
    console.log('Demo community loaded (admin@roundtable.demo / roundtable-demo).');
  } finally {
    await embedded?.stop();
  }
}

seed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
