import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';
import { buildCalendar } from './ics';
import { RoundtableEntity } from './roundtable.entity';
import { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';

/** The personal feed shows sessions from this long ago onwards, at most FEED_LIMIT of them. */
const FEED_PAST_DAYS = 30;
const FEED_LIMIT = 500;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** iCalendar files: one roundtable (public), and each member's personal feed (secret URL). */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Where the app shows a roundtable; the calendar entry links back to it. */
  roundtableLink(id: string): string {
    return `${this.config.publicUrl}/roundtables/${id}`;
  }

  icsUrl(id: string): string {
    return `${this.config.publicUrl}/roundtables/${id}.ics`;
  }

  /** The member's feed URL, creating its token on first use (one statement, race-free). */
  async feedUrl(accountId: string): Promise<string> {
    const rows: Array<{ token: string }> = await this.dataSource.query(
      `WITH created AS (
         INSERT INTO calendar_feed (account_id, token) VALUES ($1, $2)
         ON CONFLICT (account_id) DO NOTHING RETURNING token)
       SELECT token FROM created
       UNION ALL
       SELECT token FROM calendar_feed WHERE account_id = $1
       LIMIT 1`,
      [accountId, newToken()],
    );
    return this.urlOf(rows[0].token);
  }

  /** Replaces the token: the old URL stops working at once. */
  async regenerate(accountId: string): Promise<string> {
    const token = newToken();
    await this.dataSource.query(
      `INSERT INTO calendar_feed (account_id, token) VALUES ($1, $2)
       ON CONFLICT (account_id) DO UPDATE SET token = EXCLUDED.token, updated_at = now()`,
      [accountId, token],
    );
    return this.urlOf(token);
  }

  async roundtableIcs(id: string): Promise<string> {
    const roundtable = UUID.test(id)
      ? await this.dataSource.getRepository(RoundtableEntity).findOneBy({ id })
      : null;
    if (!roundtable) {
      throw new RoundtablesError(
        RoundtablesErrorCode.ROUNDTABLE_NOT_FOUND,
        `No roundtable has the id "${id.slice(0, 64)}".`,
      );
    }
    return buildCalendar(roundtable.title, [roundtable], (rid) => this.roundtableLink(rid));
  }

  /** The sessions the member holds a seat in or facilitates, cancelled ones included. */
  async personalIcs(token: string): Promise<string> {
    const [feed] = TOKEN.test(token)
      ? await this.dataSource.query<Array<{ account_id: string }>>(
          `SELECT f.account_id FROM calendar_feed f JOIN account a ON a.id = f.account_id
            WHERE f.token = $1 AND a.deleted_at IS NULL`,
          [token],
        )
      : [];
    if (!feed) {
      throw new RoundtablesError(
        RoundtablesErrorCode.CALENDAR_NOT_FOUND,
        'This calendar address is not (or no longer) valid: copy the current one from `me { calendarUrl }`.',
      );
    }
    const roundtables = await this.dataSource
      .getRepository(RoundtableEntity)
      .createQueryBuilder('r')
      .where(
        `(EXISTS (SELECT 1 FROM roundtable_registration g WHERE g.roundtable_id = r.id
                   AND g.account_id = :id AND g.status = 'REGISTERED')
          OR EXISTS (SELECT 1 FROM roundtable_facilitator f WHERE f.roundtable_id = r.id
                   AND f.account_id = :id))`,
        { id: feed.account_id },
      )
      .andWhere(`r.starts_at > now() - make_interval(days => :days)`, { days: FEED_PAST_DAYS })
      .orderBy('r.starts_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(FEED_LIMIT)
      .getMany();
    return buildCalendar('Roundtable: my sessions', roundtables, (rid) => this.roundtableLink(rid));
  }

  private urlOf(token: string): string {
    return `${this.config.publicUrl}/calendar/${token}.ics`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 256 random bits, URL-safe (43 characters). */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}
