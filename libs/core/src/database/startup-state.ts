import { Injectable, Logger } from '@nestjs/common';

export type DemoSeeder = () => Promise<void>;

/**
 * Readiness and the demo community. Domains register seeders in their onModuleInit; they run,
 * in order, after migrations and before the server reports ready.
 */
@Injectable()
export class StartupState {
  private readonly logger = new Logger('Startup');
  private readonly seeders: Array<{ order: number; name: string; seed: DemoSeeder }> = [];
  ready = false;

  registerDemoSeeder(name: string, order: number, seed: DemoSeeder): void {
    this.seeders.push({ name, order, seed });
  }

  async runDemoSeeders(): Promise<void> {
    for (const seeder of [...this.seeders].sort((a, b) => a.order - b.order)) {
      this.logger.log({ seeder: seeder.name }, 'Loading demo data');
      await seeder.seed();
    }
  }
}
