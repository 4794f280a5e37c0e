import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { IsNull, Repository } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { ServerEvents } from '../events/server-events';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { AuthSessionEntity } from './auth-session.entity';
import { PasswordResetEntity } from './password-reset.entity';
import { AuthenticatedMember } from './authenticated-member';
import { newOpaqueToken, sha256 } from './tokens';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  account: AccountEntity;
}

interface AccessClaims {
  sub: string;
  sid: string;
  exp: number;
}

const WRONG_CREDENTIALS = 'The email or password is wrong. Check both and try again.';

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both failures take the same time. */
  private readonly dummyHash = argon2.hash('not-a-real-password-0000');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly jwt: JwtService,
    private readonly limits: RateLimiter,
    @InjectRepository(AuthSessionEntity)
    private readonly sessions: Repository<AuthSessionEntity>,
    @InjectRepository(PasswordResetEntity)
    private readonly resets: Repository<PasswordResetEntity>,
    private readonly events: ServerEvents,
  ) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async register(
    input: { email: string; password: string; displayName: string },
    ip: string,
  ): Promise<IssuedTokens> {
    const { limit, windowSeconds } = this.config.registrationLimit;
    await this.limits.consume(
      `register:${ip}`,
      limit,
      windowSeconds * 1000,
      'registrations from your network',
    );
    const account = await this.accounts.create({
      email: input.email,
      passwordHash: await this.hashPassword(input.password),
      displayName: input.displayName,
    });
    return this.openSession(account);
  }

  async login(input: { email: string; password: string }): Promise<IssuedTokens> {
    const key = `login-failed:${input.email.trim().toLowerCase()}`;
    const { limit, windowSeconds } = this.config.failedLoginLimit;
    // Each attempt takes its slot before the password is checked, so guesses sent all at once
    // cannot all be checked; a success clears the count, leaving only failures counted.
    const attempt = await this.limits.hit(key, windowSeconds * 1000);
    if (attempt.count > limit) {
      throw RateLimiter.refusal(attempt, 'failed sign-ins for this email');
    }
    const account = await this.accounts.findByEmail(input.email);
    const valid = account?.passwordHash
      ? await argon2.verify(account.passwordHash, input.password)
      : await argon2.verify(await this.dummyHash, input.password).then(() => false);
    if (!account || !valid) {
      throw new CoreError(CoreErrorCode.INVALID_CREDENTIALS, WRONG_CREDENTIALS);
    }
    await this.limits.reset(key);
    return this.openSession(account);
  }

  /** Rotates: the presented refresh token stops working and a new pair is returned. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const session = await this.sessions.findOneBy({
      refreshTokenHash: sha256(refreshToken),
      revokedAt: IsNull(),
    });
    if (!session) await this.endSessionOnReuse(refreshToken);
    if (!session || session.refreshExpiresAt.getTime() <= Date.now()) {
      throw new CoreError(
        CoreErrorCode.INVALID_TOKEN,
        'This refresh token is expired, revoked or already used. Sign in again.',
      );
    }
    const account = await this.accounts.findById(session.accountId);
    if (!account?.passwordHash) {
      throw new CoreError(CoreErrorCode.INVALID_TOKEN, 'This account can no longer sign in.');
    }
    const next = newOpaqueToken();
    // Compare-and-swap on the old hash: two concurrent refreshes cannot both win.
    const result = await this.sessions.update(
      { id: session.id, refreshTokenHash: session.refreshTokenHash, revokedAt: IsNull() },
      {
        refreshTokenHash: sha256(next),
        previousRefreshTokenHash: session.refreshTokenHash,
        refreshExpiresAt: this.refreshExpiry(),
        rotatedAt: new Date(),
      },
    );
    if (!result.affected) {
      throw new CoreError(
        CoreErrorCode.INVALID_TOKEN,
        'This refresh token was already used. Sign in again.',
      );
    }
    return {
      account,
      refreshToken: next,
      accessToken: await this.accessToken(account, session.id),
    };
  }

  /** A rotated-out token presented again: someone else may hold the new one, so end it all. */
  private async endSessionOnReuse(refreshToken: string): Promise<void> {
    await this.sessions.update(
      { previousRefreshTokenHash: sha256(refreshToken), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  /** Revokes the session the refresh token belongs to; unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    await this.sessions.update(
      { refreshTokenHash: sha256(refreshToken), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  /** Ends every session of an account but `keepSessionId` (password change, suspension...). */
  async revokeSessions(accountId: string, keepSessionId?: string): Promise<void> {
    const query = this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('account_id = :accountId AND revoked_at IS NULL', { accountId });
    if (keepSessionId) query.andWhere('id <> :keepSessionId', { keepSessionId });
    await query.execute();
  }

  /** True when `password` is the account's current password. */
  async verifyPassword(accountId: string, password: string): Promise<boolean> {
    const account = await this.accounts.findById(accountId);
    return !!account?.passwordHash && (await argon2.verify(account.passwordHash, password));
  }

  /** Checks the current password, sets the new one and ends every other session. */
  async changePassword(
    member: { id: string; sessionId: string },
    current: string,
    next: string,
  ): Promise<AccountEntity> {
    const account = await this.accounts.findById(member.id);
    if (!account?.passwordHash || !(await argon2.verify(account.passwordHash, current))) {
      throw new CoreError(CoreErrorCode.WRONG_PASSWORD, 'The current password is wrong.', {
        fields: { current: ['is not your current password'] },
      });
    }
    account.passwordHash = await this.hashPassword(next);
    await this.sessions.manager.getRepository(AccountEntity).update(account.id, {
      passwordHash: account.passwordHash,
    });
    await this.revokeSessions(account.id, member.sessionId);
    await this.events.emit('account.password-changed', { accountId: account.id });
    return account;
  }

  /** A one-time reset token valid for an hour (an admin hands the link to the member). */
  async issuePasswordReset(
    accountId: string,
    issuedBy: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newOpaqueToken();
    const expiresAt = new Date(Date.now() + 3600_000);
    await this.resets.save(
      this.resets.create({ accountId, issuedBy, tokenHash: sha256(token), expiresAt }),
    );
    await this.events.emit('account.password-reset-issued', { accountId, issuedBy });
    return { token, expiresAt };
  }

  /** Uses a reset token once: sets the password and ends every session of the account. */
  async resetPassword(token: string, password: string): Promise<AccountEntity> {
    const account = await this.resets.manager.transaction(async (manager) => {
      const used = await manager
        .createQueryBuilder()
        .update(PasswordResetEntity)
        .set({ usedAt: () => 'now()' })
        .where('token_hash = :hash AND used_at IS NULL AND expires_at > now()', {
          hash: sha256(token),
        })
        .returning(['accountId'])
        .execute();
      const accountId = (used.raw as Array<{ account_id: string }>)[0]?.account_id;
      if (!accountId) {
        throw new CoreError(
          CoreErrorCode.RESET_TOKEN_INVALID,
          'This reset link is expired or was already used. Ask an admin for a new one.',
          { fields: { token: ['is expired or already used'] } },
        );
      }
      const passwordHash = await this.hashPassword(password);
      await manager.update(AccountEntity, { id: accountId }, { passwordHash });
      await manager.update(
        AuthSessionEntity,
        { accountId, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      return manager.findOneByOrFail(AccountEntity, { id: accountId });
    });
    await this.events.emit('account.password-reset', { accountId: account.id });
    return account;
  }

  /** Verifies an access token and that its session is still open; one SQL statement. */
  async verifyAccessToken(token: string): Promise<AuthenticatedMember> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw new CoreError(
        CoreErrorCode.INVALID_TOKEN,
        expired
          ? 'Your access token has expired. Refresh the session (refreshSession) and retry.'
          : 'The access token is not valid. Sign in again.',
      );
    }
    const rows: Array<{
      id: string;
      handle: string;
      role: AccountEntity['role'];
      suspended_until: Date | null;
    }> = await this.sessions.query(
      `SELECT a.id, a.handle, a.role, a.suspended_until
         FROM auth_session s JOIN account a ON a.id = s.account_id
        WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL`,
      [claims.sid, claims.sub],
    );
    const row = rows[0];
    if (!row) {
      throw new CoreError(
        CoreErrorCode.INVALID_TOKEN,
        'This session has ended (signed out or revoked). Sign in again.',
      );
    }
    return {
      id: row.id,
      handle: row.handle,
      role: row.role,
      suspendedUntil: row.suspended_until,
      sessionId: claims.sid,
      tokenExpiresAt: new Date(claims.exp * 1000),
    };
  }

  private async openSession(account: AccountEntity): Promise<IssuedTokens> {
    const refreshToken = newOpaqueToken();
    const session = await this.sessions.save(
      this.sessions.create({
        accountId: account.id,
        refreshTokenHash: sha256(refreshToken),
        refreshExpiresAt: this.refreshExpiry(),
      }),
    );
    return { account, refreshToken, accessToken: await this.accessToken(account, session.id) };
  }

  private accessToken(account: AccountEntity, sessionId: string): Promise<string> {
    return this.jwt.signAsync(
      { sub: account.id, sid: sessionId },
      { algorithm: 'HS256', expiresIn: this.config.accessTokenTtlSeconds },
    );
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
  }
}
