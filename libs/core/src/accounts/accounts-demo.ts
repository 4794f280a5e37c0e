import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { StartupState } from '../database/startup-state';
import { AccountEntity, Role } from './account.entity';
import { AccountsService } from './accounts.service';

/** The demo community's staff; the README states these credentials. */
export const DEMO_STAFF = [
  { email: 'admin@roundtable.demo', displayName: 'Ada Admin', role: Role.ADMIN },
  { email: 'moderator@roundtable.demo', displayName: 'Mo Moderator', role: Role.MODERATOR },
] as const;
export const DEMO_PASSWORD = 'roundtable-demo';

@Injectable()
export class AccountsDemo implements OnModuleInit {
  constructor(
    private readonly startup: StartupState,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    @InjectRepository(AccountEntity) private readonly repo: Repository<AccountEntity>,
  ) {}

  onModuleInit(): void {
    this.startup.registerDemoSeeder('staff accounts', 0, () => this.seed());
  }

  private async seed(): Promise<void> {
    const passwordHash = await this.auth.hashPassword(DEMO_PASSWORD);
    for (const staff of DEMO_STAFF) {
      if (await this.accounts.findByEmail(staff.email)) continue;
      const account = await this.accounts.create({ ...staff, passwordHash });
      await this.repo.update(account.id, { role: staff.role });
    }
  }
}
