import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { runMigrationsLocked } from './migrator';
import { StartupState } from './startup-state';

const DEMO_DATA_LOCK_KEY = 727_274_003;

/** Migrates before anything else initialises; loads demo data last; then marks the node ready. */
@Injectable()
export class DatabaseStartup implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: StartupState,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await runMigrationsLocked(this.dataSource);
    this.logger.log({ applied }, applied.length ? 'Migrations applied' : 'Schema up to date');
  }

  async onApplicationBootstrap(): Promise<void> {
    // Demo data: asked for explicitly, or by default on an embedded database that is still empty.
    const wanted = this.config.demoData ?? this.config.databaseEmbedded;
    if (wanted) await this.seedIfEmpty();
    this.state.ready = true;
  }

  /** Under a lock, so that replicas starting together on an empty database seed it once. */
  private async seedIfEmpty(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [DEMO_DATA_LOCK_KEY]);
      try {
        const rows: unknown[] = await runner.query('SELECT 1 FROM account LIMIT 1');
        if (rows.length === 0) await this.state.runDemoSeeders();
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [DEMO_DATA_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }
}
