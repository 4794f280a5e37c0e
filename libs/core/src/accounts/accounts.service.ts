import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { AccountEntity, Role } from './account.entity';
import { firstFreeHandle, handleBase } from './handle';

/** Serialises account creation: the first account becomes admin, handles stay unique. */
const ACCOUNT_CREATION_LOCK = 727_274_002;

export interface NewAccount {
  email: string;
  passwordHash: string;
  displayName: string;
  role?: Role;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  findById(id: string): Promise<AccountEntity | null> {
    return this.accounts.findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<AccountEntity[]> {
    return ids.length ? this.accounts.findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  findByHandle(handle: string): Promise<AccountEntity | null> {
    return this.accounts.findOneBy({ handle: handle.trim().toLowerCase() });
  }

  findByEmail(email: string): Promise<AccountEntity | null> {
    return this.accounts
      .createQueryBuilder('account')
      .where('lower(account.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }

  async count(): Promise<number> {
    return this.accounts.count();
  }

  /** Creates an account; the very first one on an empty database is an admin. */
  async create(input: NewAccount): Promise<AccountEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [ACCOUNT_CREATION_LOCK]);
        const repo = manager.getRepository(AccountEntity);
        const isFirst = (await repo.createQueryBuilder().limit(1).getCount()) === 0;
        const handle = await this.freeHandle(manager, handleBase(input.displayName));
        return repo.save(
          repo.create({
            email: input.email.trim(),
            passwordHash: input.passwordHash,
            displayName: input.displayName.trim(),
            handle,
            role: isFirst ? Role.ADMIN : (input.role ?? Role.MEMBER),
          }),
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'account_email_lower_key')) {
        throw new CoreError(
          CoreErrorCode.EMAIL_TAKEN,
          'An account with this email already exists. Sign in instead, or ask an admin for a password reset.',
          { fields: { 'input.email': ['is already registered'] } },
        );
      }
      throw error;
    }
  }

  private async freeHandle(manager: EntityManager, base: string): Promise<string> {
    const rows: { handle: string }[] = await manager.query(
      `SELECT handle FROM account WHERE handle = $1 OR handle LIKE $2`,
      [base, `${base.replace(/[\\%_]/g, '\\$&')}-%`],
    );
    return firstFreeHandle(
      base,
      rows.map((row) => row.handle),
    );
  }

  async setRole(handle: string, role: Role): Promise<AccountEntity> {
    const account = await this.findByHandle(handle);
    if (!account) {
      throw new CoreError(CoreErrorCode.NOT_FOUND, `No member has the handle "${handle}".`);
    }
    account.role = role;
    return this.accounts.save(account);
  }
}
