import { Controller, Get, Header } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Access } from '../auth/access.decorator';
import { StartupState } from '../database/startup-state';
import { Metrics } from './metrics';

@Controller()
@Access('anyone')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly startup: StartupState,
    private readonly metrics: Metrics,
  ) {}

  /** 200 once migrations (and a first start's demo data) are done and the database answers. */
  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      () => {
        const indicator = this.indicators.check('startup');
        return this.startup.ready ? indicator.up() : indicator.down({ message: 'starting' });
      },
      () => this.database.pingCheck('database', { timeout: 2000 }),
    ]);
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
