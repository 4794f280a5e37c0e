import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { AccountEntity, Role } from './account.entity';
import DataLoader from 'dataloader';
import { byKeys, requestLoader } from '../loaders/request-loaders';
import { HANDLE_PATTERN, firstFreeHandle, handleBase } from './handle';

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

  /** Accounts by id, batched per request (for `author`, `actor` and the like). */
  loaderFor(request: object): DataLoader<string, AccountEntity | null> {
    return requestLoader<string, AccountEntity | null>(request, 'core.account.byId', async (ids) =>
      byKeys(ids, await this.findByIds(ids), (account) => account.id, null),
    );
  }

  /** Changes handle and/or display name; a taken handle is CONFLICT. */
  async rename(
    id: string,
    change: { handle?: string; displayName?: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const set: Partial<AccountEntity> = {};
    if (change.displayName !== undefined) set.displayName = change.displayName.trim();
    if (change.handle !== undefined) {
      const handle = change.handle.trim().toLowerCase();
      if (!HANDLE_PATTERN.test(handle) || handle.startsWith('former-')) {
        throw new CoreError(
          CoreErrorCode.VALIDATION_FAILED,
          'A handle is 3–30 lower-case letters, digits and inner dashes.',
          { fields: { 'input.handle': ['must be 3–30 characters: a-z, 0-9 and inner dashes'] } },
        );
      }
      set.handle = handle;
    }
    if (Object.keys(set).length === 0) return;
    try {
      await manager.getRepository(AccountEntity).update(id, set);
    } catch (error) {
      if (isUniqueViolation(error, 'account_handle_key')) {
        throw new CoreError(
          CoreErrorCode.HANDLE_TAKEN,
          `The handle "${set.handle}" is taken; pick another.`,
          {
            fields: { 'input.handle': ['is taken'] },
          },
        );
      }
      throw error;
    }
  }

  /**
   * Deletion keeps the row as a pseudonym (what they posted stays attributed to "Former member")
   * and removes everything that identifies or signs in.
   */
  async anonymise(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE account
          SET email = 'former-' || id || '@invalid', password_hash = NULL,
              display_name = 'Former member', handle = 'former-' || left(replace(id::text, '-', ''), 12),
              role = 'MEMBER', deleted_at = now(), updated_at = now()
        WHERE id = $1`,
      [id],
    );
    await manager.query(
      `UPDATE auth_session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL`,
      [id],
    );
  }

  /** Suspends until `until`, or lifts a suspension with null; the access guard reads it each request. */
  async setSuspendedUntil(
    id: string,
    until: Date | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.getRepository(AccountEntity).update(id, { suspendedUntil: until });
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
